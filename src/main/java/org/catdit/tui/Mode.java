package org.catdit.tui;

/** What fills the screen. */
enum Mode {
  FEED,
  NETWORK,
  HELP,
  /** Asking for a picture file's path. */
  PROMPT_PATH,
  /** Asking for the caption of the picture just named. */
  PROMPT_CAPTION,
  /** Asking for this peer's display name. */
  PROMPT_NAME;

  boolean isPrompt() {
    return this == PROMPT_PATH || this == PROMPT_CAPTION || this == PROMPT_NAME;
  }
}
