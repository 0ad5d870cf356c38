import { getContainerRuntimeClient } from 'testcontainers';

/** The label every target container of a run carries: `dev.grantproof.run=<run id>`. */
export const RUN_LABEL = 'dev.grantproof.run';

/**
 * Removes, running or not, every container labelled `label` (`name=value`). Reaches
 * containers testcontainers does not know yet: one created while its start was interrupted.
 */
export async function removeLabelled(label: string): Promise<number> {
  const { dockerode } = (await getContainerRuntimeClient()).container;
  const found = await dockerode.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(found.map((info) => dockerode.getContainer(info.Id).remove({ force: true, v: true })));
  return found.length;
}
