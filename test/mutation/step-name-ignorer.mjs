// @ts-check
/**
 * A StrykerJS ignorer (`npm run mutation`): the `name` of a validation step (an object with
 * `name` and `run`) names the step in messages and lets the self-tests replace a step by
 * name. No request can observe it, so its mutants are equivalent by construction.
 */
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** @param {import('@babel/core').NodePath} path */
function isStepName(path) {
  const property = path.parentPath;
  if (!path.isStringLiteral() || property === null || !property.isObjectProperty()) return false;
  const key = property.node.key;
  if (key.type !== 'Identifier' || key.name !== 'name') return false;
  const object = property.parentPath;
  return object !== null && object.isObjectExpression() &&
    object.node.properties.some((member) => (member.type === 'ObjectMethod' || member.type === 'ObjectProperty') && member.key.type === 'Identifier' && member.key.name === 'run');
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'step-names', {
    /** @param {import('@babel/core').NodePath} path */
    shouldIgnore: (path) => (isStepName(path) ? "a step's name, read only in messages and by the self-tests' step replacements" : undefined),
  }),
];
