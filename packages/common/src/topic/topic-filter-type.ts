/** How a topic's tags are matched (Java's `TopicFilterType`); MULTI_TAG only sets sysFlag 0x2. */
export const TopicFilterType = {
  SINGLE_TAG: 'SINGLE_TAG',
  MULTI_TAG: 'MULTI_TAG',
} as const;

export type TopicFilterType = (typeof TopicFilterType)[keyof typeof TopicFilterType];

/** True for the two names Java accepts. */
export function isTopicFilterType(value: string): value is TopicFilterType {
  return value === TopicFilterType.SINGLE_TAG || value === TopicFilterType.MULTI_TAG;
}
