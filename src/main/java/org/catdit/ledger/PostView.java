package org.catdit.ledger;

/** One post as the feed shows it: the post transition's id, author and payload, and its score. */
public record PostView(
    Hash id, AuthorKey author, Payload.Post post, long timestampMillis, int score) {}
