package org.catdit.ledger;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The derived state of the transition DAG, in memory. Single-threaded: it lives on the node's loop.
 * Every derived value (scores, names, posts, exclusions) is a function of the SET of accepted
 * transitions alone, never of the order they arrived in (see docs/ledger.md, "Rules").
 *
 * <p>Validation order in {@link #ingest}: (1) limits and syntax (a {@link Transition} object is
 * well-formed by construction; its size is re-checked), (2) the signature, checked once here and
 * never again, (3) dependencies present: every parent and, for votes, the target post; otherwise
 * the transition waits in a bounded set keyed by what it misses, (4) kind rules, which read only
 * the transition and its dependencies.
 */
public final class Ledger {
  public static final int DEFAULT_MAX_WAITING = 10_000;
  public static final int DEFAULT_MAX_REJECTED_REMEMBERED = 10_000;

  /** Proofs kept per excluded author: one suffices, a few help diagnosis. */
  private static final int MAX_PROOFS_PER_AUTHOR = 4;

  private final Verifier verifier;
  private final int maxWaiting;
  private final int maxRejectedRemembered;
  private final TreeMap<Hash, Transition> byId = new TreeMap<>();
  private final TreeSet<Hash> tips = new TreeSet<>();
  private final Map<Hash, Waiting> waiting = new LinkedHashMap<>();
  private final TreeMap<Hash, LinkedHashSet<Hash>> waitersByMissing = new TreeMap<>();
  private final LinkedHashSet<Hash> rejected = new LinkedHashSet<>();
  private final Map<AuthorKey, AuthorState> authors = new HashMap<>();
  private final TreeMap<AuthorKey, Long> excluded = new TreeMap<>();
  private final Map<Hash, int[]> scores = new HashMap<>();
  private final List<LedgerListener> listeners = new ArrayList<>();
  private Hash cachedSetHash;

  private long acceptedCount;
  private long duplicateCount;
  private long rejectedSignatureCount;
  private long rejectedRuleCount;
  private long droppedWaitingCount;

  /** A transition whose signature is good and whose dependencies are not all here yet. */
  private static final class Waiting {
    final Transition transition;
    final Set<Hash> missing;

    Waiting(Transition transition, Set<Hash> missing) {
      this.transition = transition;
      this.missing = missing;
    }
  }

  /** Everything the ledger derives per author, with the sequence number each value came from. */
  private static final class AuthorState {
    final TreeMap<Long, Hash> idBySequence = new TreeMap<>();
    final TreeMap<Long, String> names = new TreeMap<>();

    /** Per post: the voter's votes by the voter's sequence number, true for an upvote. */
    final TreeMap<Hash, TreeMap<Long, Boolean>> votes = new TreeMap<>();

    final List<EquivocationProof> proofs = new ArrayList<>();

    /** Transitions with sequence at or above this are ignored by every derived value. */
    long forkSequence = Long.MAX_VALUE;
  }

  public Ledger(Verifier verifier) {
    this(verifier, DEFAULT_MAX_WAITING, DEFAULT_MAX_REJECTED_REMEMBERED);
  }

  public Ledger(Verifier verifier, int maxWaiting, int maxRejectedRemembered) {
    if (maxWaiting < 1 || maxRejectedRemembered < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    this.verifier = Objects.requireNonNull(verifier);
    this.maxWaiting = maxWaiting;
    this.maxRejectedRemembered = maxRejectedRemembered;
  }

  public void addListener(LedgerListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Validates {@code transition} in the fixed order (class comment) and applies it if valid. */
  public IngestResult ingest(Transition transition) {
    IngestResult early = screen(transition);
    if (early != null) {
      return early;
    }
    if (!verifier.verify(transition.author(), transition.signedMessage(), transition.signature())) {
      // Not remembered as rejected by id: the id does not cover the signature, so a forged copy
      // must not block the genuine transition.
      rejectedSignatureCount++;
      return IngestResult.of(IngestResult.Status.REJECTED, transition.id(), "bad signature");
    }
    return admit(transition);
  }

  /**
   * Reloads one transition from this peer's own store at startup, skipping the signature check: the
   * store only ever receives transitions this ledger accepted, after their signature was checked,
   * and it is local data under the same protection as the peer's private key, so checking again
   * would only cost time (about 0.1-0.2 ms per transition). Dependencies and kind rules are still
   * applied, so a damaged store cannot produce a state the network would not.
   */
  public IngestResult restore(Transition transition) {
    IngestResult early = screen(transition);
    return early != null ? early : admit(transition);
  }

  /**
   * Restores many (best parents-first, as the store returns them); returns how many were accepted.
   */
  public int restoreAll(Iterable<Transition> transitions) {
    int accepted = 0;
    for (Transition transition : transitions) {
      accepted += restore(transition).accepted().size();
    }
    return accepted;
  }

  private IngestResult screen(Transition transition) {
    Hash id = transition.id();
    if (byId.containsKey(id)) {
      duplicateCount++;
      return IngestResult.of(IngestResult.Status.DUPLICATE, id, null);
    }
    Waiting already = waiting.get(id);
    if (already != null) {
      duplicateCount++;
      return new IngestResult(
          IngestResult.Status.DUPLICATE, id, sorted(already.missing), List.of(), null);
    }
    if (rejected.contains(id)) {
      rejectedRuleCount++;
      return IngestResult.of(IngestResult.Status.REJECTED, id, "rejected before");
    }
    if (transition.encodedLength() > TransitionLimits.MAX_TRANSITION_BYTES) {
      rejectedRuleCount++;
      return IngestResult.of(IngestResult.Status.REJECTED, id, "too large");
    }
    return null;
  }

  private IngestResult admit(Transition transition) {
    Hash id = transition.id();
    Set<Hash> missing = new LinkedHashSet<>();
    for (Hash dependency : dependencies(transition)) {
      if (rejected.contains(dependency)) {
        reject(id);
        return IngestResult.of(
            IngestResult.Status.REJECTED, id, "depends on invalid " + dependency.shortHex());
      }
      if (!byId.containsKey(dependency)) {
        missing.add(dependency);
      }
    }
    if (!missing.isEmpty()) {
      if (waiting.size() >= maxWaiting) {
        droppedWaitingCount++;
        return IngestResult.of(IngestResult.Status.DROPPED, id, "waiting set full");
      }
      waiting.put(id, new Waiting(transition, missing));
      for (Hash dependency : missing) {
        waitersByMissing.computeIfAbsent(dependency, k -> new LinkedHashSet<>()).add(id);
      }
      return new IngestResult(IngestResult.Status.WAITING, id, sorted(missing), List.of(), null);
    }
    String violation = violatedRule(transition);
    if (violation != null) {
      reject(id);
      return IngestResult.of(IngestResult.Status.REJECTED, id, violation);
    }
    List<Transition> accepted = new ArrayList<>();
    accept(transition);
    accepted.add(transition);
    release(id, accepted);
    return new IngestResult(IngestResult.Status.ACCEPTED, id, List.of(), accepted, null);
  }

  /** Accepts (or rejects) every waiting transition whose last missing dependency just arrived. */
  private void release(Hash arrived, List<Transition> accepted) {
    ArrayDeque<Hash> work = new ArrayDeque<>();
    work.add(arrived);
    while (!work.isEmpty()) {
      Hash next = work.poll();
      LinkedHashSet<Hash> waiters = waitersByMissing.remove(next);
      if (waiters == null) {
        continue;
      }
      for (Hash waiterId : waiters) {
        Waiting entry = waiting.get(waiterId);
        if (entry == null) {
          continue;
        }
        entry.missing.remove(next);
        if (!entry.missing.isEmpty()) {
          continue;
        }
        waiting.remove(waiterId);
        String violation = violatedRule(entry.transition);
        if (violation != null) {
          reject(waiterId);
        } else {
          accept(entry.transition);
          accepted.add(entry.transition);
          work.add(waiterId);
        }
      }
    }
  }

  /**
   * Remembers {@code id} as invalid (bounded) and rejects everything waiting on it, recursively.
   */
  private void reject(Hash id) {
    ArrayDeque<Hash> work = new ArrayDeque<>();
    work.add(id);
    while (!work.isEmpty()) {
      Hash next = work.poll();
      rejectedRuleCount++;
      rejected.add(next);
      if (rejected.size() > maxRejectedRemembered) {
        Iterator<Hash> oldest = rejected.iterator();
        oldest.next();
        oldest.remove();
      }
      LinkedHashSet<Hash> waiters = waitersByMissing.remove(next);
      if (waiters != null) {
        for (Hash waiterId : waiters) {
          if (forgetWaiting(waiterId)) {
            work.add(waiterId);
          }
        }
      }
    }
  }

  private boolean forgetWaiting(Hash waiterId) {
    Waiting entry = waiting.remove(waiterId);
    if (entry == null) {
      return false;
    }
    for (Hash dependency : entry.missing) {
      LinkedHashSet<Hash> others = waitersByMissing.get(dependency);
      if (others != null) {
        others.remove(waiterId);
        if (others.isEmpty()) {
          waitersByMissing.remove(dependency);
        }
      }
    }
    return true;
  }

  /**
   * Gives up on {@code missingId}: drops every transition waiting for it (they can come again, e.g.
   * through reconciliation). Sync calls this when fetching it failed for good.
   *
   * @return how many waiting transitions were dropped
   */
  public int dropWaitersFor(Hash missingId) {
    LinkedHashSet<Hash> waiters = waitersByMissing.get(missingId);
    if (waiters == null) {
      return 0;
    }
    int dropped = 0;
    for (Hash waiterId : new ArrayList<>(waiters)) {
      if (forgetWaiting(waiterId)) {
        dropped++;
        droppedWaitingCount++;
        dropped += dropWaitersFor(waiterId);
      }
    }
    return dropped;
  }

  private static List<Hash> dependencies(Transition transition) {
    Payload payload = transition.payload();
    Hash target = null;
    if (payload instanceof Payload.Upvote upvote) {
      target = upvote.post();
    } else if (payload instanceof Payload.RetractUpvote retract) {
      target = retract.post();
    }
    if (target == null || transition.parents().contains(target)) {
      return transition.parents();
    }
    List<Hash> all = new ArrayList<>(transition.parents());
    all.add(target);
    return all;
  }

  /** The kind rules; reads only the transition and its (present) dependencies. */
  private String violatedRule(Transition transition) {
    int ownParents = 0;
    long ownParentSequence = 0;
    for (Hash parentId : transition.parents()) {
      Transition parent = byId.get(parentId);
      if (parent.author().equals(transition.author())) {
        ownParents++;
        ownParentSequence = parent.sequence();
      }
    }
    if (transition.sequence() == 1 && ownParents != 0) {
      return "an author's first transition cannot approve the author's own";
    }
    if (transition.sequence() > 1
        && (ownParents != 1 || ownParentSequence != transition.sequence() - 1)) {
      return "sequence "
          + transition.sequence()
          + " must approve the author's sequence "
          + (transition.sequence() - 1)
          + " exactly once";
    }
    Hash target = voteTarget(transition.payload());
    if (target != null && byId.get(target).kind() != TransitionKind.POST) {
      return "vote target " + target.shortHex() + " is not a post";
    }
    return null;
  }

  private static Hash voteTarget(Payload payload) {
    if (payload instanceof Payload.Upvote upvote) {
      return upvote.post();
    }
    if (payload instanceof Payload.RetractUpvote retract) {
      return retract.post();
    }
    return null;
  }

  private void accept(Transition transition) {
    Hash id = transition.id();
    byId.put(id, transition);
    cachedSetHash = null;
    acceptedCount++;
    for (Hash parent : transition.parents()) {
      tips.remove(parent);
    }
    // A child is never accepted before its parents, so a new transition has no children yet.
    tips.add(id);
    AuthorState author = authors.computeIfAbsent(transition.author(), k -> new AuthorState());
    Hash sameSequence = author.idBySequence.putIfAbsent(transition.sequence(), id);
    List<Hash> changedPosts = new ArrayList<>();
    Payload payload = transition.payload();
    if (payload instanceof Payload.Profile profile) {
      author.names.putIfAbsent(transition.sequence(), profile.displayName());
    } else if (payload instanceof Payload.Post) {
      scores.putIfAbsent(id, new int[1]);
    } else {
      Hash post = voteTarget(payload);
      TreeMap<Long, Boolean> votes = author.votes.computeIfAbsent(post, k -> new TreeMap<>());
      boolean before = isUp(author, votes, author.forkSequence);
      votes.putIfAbsent(transition.sequence(), payload instanceof Payload.Upvote);
      boolean after = isUp(author, votes, author.forkSequence);
      if (before != after) {
        scores.computeIfAbsent(post, k -> new int[1])[0] += after ? 1 : -1;
        changedPosts.add(post);
      }
    }
    EquivocationProof proof = null;
    if (sameSequence != null) {
      proof = new EquivocationProof(byId.get(sameSequence), transition);
      if (author.proofs.size() < MAX_PROOFS_PER_AUTHOR) {
        author.proofs.add(proof);
      }
      if (transition.sequence() < author.forkSequence) {
        changedPosts.addAll(moveFork(author, transition.sequence()));
        excluded.put(transition.author(), transition.sequence());
      }
    }
    for (LedgerListener listener : listeners) {
      listener.onAccepted(transition);
    }
    for (Hash post : changedPosts) {
      int score = score(post);
      for (LedgerListener listener : listeners) {
        listener.onScoreChanged(post, score);
      }
    }
    if (proof != null) {
      for (LedgerListener listener : listeners) {
        listener.onEquivocation(proof);
      }
    }
  }

  /** Lowers the author's fork point; returns the posts whose score changed, in id order. */
  private List<Hash> moveFork(AuthorState author, long newForkSequence) {
    List<Hash> changed = new ArrayList<>();
    long oldFork = author.forkSequence;
    for (Map.Entry<Hash, TreeMap<Long, Boolean>> entry : author.votes.entrySet()) {
      boolean before = isUp(author, entry.getValue(), oldFork);
      boolean after = isUp(author, entry.getValue(), newForkSequence);
      if (before != after) {
        scores.computeIfAbsent(entry.getKey(), k -> new int[1])[0] += after ? 1 : -1;
        changed.add(entry.getKey());
      }
    }
    author.forkSequence = newForkSequence;
    return changed;
  }

  /** The voter's latest vote below the fork point decides (LWW by the voter's own sequence). */
  private static boolean isUp(AuthorState author, TreeMap<Long, Boolean> votes, long fork) {
    Map.Entry<Long, Boolean> latest = votes.lowerEntry(fork);
    return latest != null && latest.getValue();
  }

  /**
   * Creates this author's next transition (next sequence number; parents: the author's own latest
   * transition, then other authors' tips in ascending id order, up to 8 in all) and ingests it.
   *
   * @throws IllegalArgumentException if the payload refers to a post this ledger does not hold
   * @throws IllegalStateException if the ledger refuses the result (e.g. the signer is broken)
   */
  public Transition author(Signer signer, Payload payload, long nowMillis) {
    Hash target = voteTarget(payload);
    if (target != null
        && (!byId.containsKey(target) || byId.get(target).kind() != TransitionKind.POST)) {
      throw new IllegalArgumentException("no post " + target.shortHex() + " in the ledger");
    }
    AuthorKey key = signer.publicKey();
    AuthorState state = authors.get(key);
    List<Hash> parents = new ArrayList<>();
    long sequence = 1;
    if (state != null && !state.idBySequence.isEmpty()) {
      Map.Entry<Long, Hash> last = state.idBySequence.lastEntry();
      sequence = last.getKey() + 1;
      parents.add(last.getValue());
    }
    for (Hash tip : tips) {
      if (parents.size() == TransitionLimits.MAX_PARENTS) {
        break;
      }
      if (!byId.get(tip).author().equals(key)) {
        parents.add(tip);
      }
    }
    Transition transition =
        Transition.create(signer, sequence, Math.max(0, nowMillis), parents, payload);
    IngestResult result = ingest(transition);
    if (!result.isAccepted()) {
      throw new IllegalStateException("own transition not accepted: " + result);
    }
    return transition;
  }

  public boolean contains(Hash id) {
    return byId.containsKey(id);
  }

  /** The accepted transition with this id, if any. */
  public Optional<Transition> get(Hash id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Accepted transitions that no accepted transition approves yet, ascending. */
  public List<Hash> tips() {
    return List.copyOf(tips);
  }

  /** Number of accepted transitions. */
  public int size() {
    return byId.size();
  }

  /** Every accepted id, ascending (a read-only live view, for reconciliation). */
  public NavigableSet<Hash> ids() {
    return Collections.unmodifiableNavigableSet(byId.navigableKeySet());
  }

  /** Accepted transitions by id, ascending (read-only live view). */
  public SortedMap<Hash, Transition> transitions() {
    return Collections.unmodifiableSortedMap(byId);
  }

  /**
   * SHA-256 over the ascending concatenation of every accepted id: equal sets give equal hashes.
   * Cached until the next acceptance.
   */
  public Hash setHash() {
    if (cachedSetHash == null) {
      MessageDigest digest = Hash.newDigest();
      for (Hash id : byId.keySet()) {
        digest.update(id.bytes());
      }
      cachedSetHash = Hash.ofDigest(digest);
    }
    return cachedSetHash;
  }

  /** Ids something waits for that are neither accepted nor waiting themselves, ascending. */
  public List<Hash> missing() {
    List<Hash> out = new ArrayList<>();
    for (Hash id : waitersByMissing.keySet()) {
      if (!waiting.containsKey(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Whether {@code id} is held in the waiting set. */
  public boolean isWaiting(Hash id) {
    return waiting.containsKey(id);
  }

  public int waitingCount() {
    return waiting.size();
  }

  /** Excluded authors with the sequence number from which their transitions are ignored. */
  public SortedMap<AuthorKey, Long> excludedAuthors() {
    return Collections.unmodifiableSortedMap(excluded);
  }

  /** Proofs held against {@code author} (at most a few), empty if none. */
  public List<EquivocationProof> proofsAgainst(AuthorKey author) {
    AuthorState state = authors.get(author);
    return state == null ? List.of() : List.copyOf(state.proofs);
  }

  /** Posts whose author is not excluded at the post's sequence, ascending by id. */
  public List<PostView> posts() {
    List<PostView> out = new ArrayList<>();
    for (Map.Entry<Hash, int[]> entry : new TreeMap<>(scores).entrySet()) {
      Transition post = byId.get(entry.getKey());
      if (post == null || post.kind() != TransitionKind.POST) {
        continue;
      }
      if (post.sequence() >= authors.get(post.author()).forkSequence) {
        continue;
      }
      out.add(
          new PostView(
              post.id(),
              post.author(),
              (Payload.Post) post.payload(),
              post.timestampMillis(),
              entry.getValue()[0]));
    }
    return out;
  }

  /** Distinct voters whose latest counted vote on {@code post} is an upvote. */
  public int score(Hash post) {
    int[] score = scores.get(post);
    return score == null ? 0 : score[0];
  }

  public boolean hasUpvoted(AuthorKey voter, Hash post) {
    AuthorState state = authors.get(voter);
    if (state == null) {
      return false;
    }
    TreeMap<Long, Boolean> votes = state.votes.get(post);
    return votes != null && isUp(state, votes, state.forkSequence);
  }

  /** The author's latest counted display name. */
  public Optional<String> displayName(AuthorKey author) {
    AuthorState state = authors.get(author);
    if (state == null) {
      return Optional.empty();
    }
    Map.Entry<Long, String> latest = state.names.lowerEntry(state.forkSequence);
    return latest == null ? Optional.empty() : Optional.of(latest.getValue());
  }

  /** The highest sequence number accepted from {@code author}, 0 if none. */
  public long lastSequence(AuthorKey author) {
    AuthorState state = authors.get(author);
    return state == null || state.idBySequence.isEmpty() ? 0 : state.idBySequence.lastKey();
  }

  public long acceptedCount() {
    return acceptedCount;
  }

  public long duplicateCount() {
    return duplicateCount;
  }

  public long rejectedSignatureCount() {
    return rejectedSignatureCount;
  }

  public long rejectedRuleCount() {
    return rejectedRuleCount;
  }

  public long droppedWaitingCount() {
    return droppedWaitingCount;
  }

  private static List<Hash> sorted(Set<Hash> ids) {
    List<Hash> out = new ArrayList<>(ids);
    Collections.sort(out);
    return out;
  }
}
