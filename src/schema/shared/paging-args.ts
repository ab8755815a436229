/** The paging arguments every connection field takes. */
import { builder } from '../builder.js';

export type ArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]['arg'];

/** `first` and `after`. There is no `last`/`before`: every upstream pages forward only. */
export const pagingArgs = (arg: ArgBuilder) => ({
  first: arg.int({ description: 'How many items to return (default and maximum are configured; 25 and 1000 unless changed).' }),
  after: arg.string({ description: 'Return the items after this cursor: any edge cursor of an earlier page of this same field and arguments.' }),
});
