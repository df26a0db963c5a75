package org.catdit.ledger;

/** The kinds of transition, with their one-byte codes. Only append: a code keeps its meaning. */
public enum TransitionKind {
  PROFILE(1),
  POST(2),
  UPVOTE(3),
  RETRACT_UPVOTE(4);

  private final int code;

  TransitionKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The kind with this code, or {@code null} for an unknown code. */
  public static TransitionKind byCode(int code) {
    for (TransitionKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return null;
  }
}
