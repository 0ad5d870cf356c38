/** The last `size` lines of a stream of text that arrives in chunks cut anywhere. */
export class LogTail {
  private readonly kept: string[] = [];
  private partial = '';

  constructor(private readonly size: number) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.keep(line);
  }

  /** The kept lines, an unfinished last line included. */
  lines(): string[] {
    return this.partial ? [...this.kept, this.partial].slice(-this.size) : [...this.kept];
  }

  private keep(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.size) this.kept.shift();
  }
}
