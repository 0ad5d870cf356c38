/** POSIX shell quoting: bare when safe, otherwise single quotes (a `'` inside becomes `'\''`). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
