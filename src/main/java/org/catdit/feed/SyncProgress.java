package org.catdit.feed;

/**
 * Catching up: {@code have} of the {@code total} transitions known to exist are held. {@code total}
 * grows as reconciliation learns of more; {@code isCaughtUp} once nothing is missing.
 */
public record SyncProgress(long have, long total, boolean isCaughtUp) {}
