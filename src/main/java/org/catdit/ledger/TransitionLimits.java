package org.catdit.ledger;

/** Fixed protocol constants every peer checks the same way (changing one is a new version). */
public final class TransitionLimits {
  /** The only format version this code reads and writes. */
  public static final int VERSION = 1;

  /** Largest encoded transition, signature included. */
  public static final int MAX_TRANSITION_BYTES = 2048;

  /** Largest encoded payload. */
  public static final int MAX_PAYLOAD_BYTES = 1600;

  /** Approvals per transition (IOTA TIP-24 uses the same 1-8). */
  public static final int MAX_PARENTS = 8;

  public static final int MAX_DISPLAY_NAME_CODE_POINTS = 40;
  public static final int MAX_CAPTION_CODE_POINTS = 280;
  public static final int MAX_MEDIA_TYPE_CHARS = 64;

  /** Largest picture a post may announce; the picture layer may refuse smaller ones. */
  public static final long MAX_PICTURE_BYTES = 64L * 1024 * 1024;

  public static final int MAX_PICTURE_DIMENSION = 65_535;

  public static final int SIGNATURE_BYTES = 64;

  private TransitionLimits() {}
}
