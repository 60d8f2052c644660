/** What a decider needs from the outside world, passed in so that deciding stays pure. */
export interface DecideContext {
  /** The moment of the decision (from the application's Clock). */
  readonly now: Date;
}
