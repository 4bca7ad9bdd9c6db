/** The master's broker id (`MixAll.MASTER_ID`); slaves have ids ≥ 1. */
export const MASTER_ID = 0;
