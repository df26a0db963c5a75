package org.catdit.sim.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.ledger.Hash;
import org.catdit.ledger.Ledger;
import org.catdit.ledger.Payload;
import org.catdit.ledger.Signer;
import org.catdit.ledger.Transition;
import org.catdit.ledger.Verifier;
import org.catdit.ledger.sync.LedgerSync;
import org.catdit.ledger.sync.SyncConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.overlay.wire.Limits;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageCodec;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;

/**
 * Peers with a ledger and ledger sync each: the overlay forms without loss, then for the activity
 * time random live peers author transitions while datagrams are lost, the network may split in two
 * halves and heal, and some peers may crash; afterwards the run goes on until every live peer has
 * the same set of transitions (or the drain time ends). Deterministic per seed.
 */
public final class LedgerExperiment {
  private static final long SECOND = 1_000_000L;
  private static final long CHECK_MICROS = 250_000L;

  private final Simulation sim;
  private final LedgerScenario scenario;
  private final List<Ledger> ledgers = new ArrayList<>();
  private final List<LedgerSync> syncs = new ArrayList<>();
  private final List<Signer> signers = new ArrayList<>();
  private final List<Hash> postIds = new ArrayList<>();
  private final List<Transition> published = new ArrayList<>();
  private final SplittableRandom random;
  private final MessageCodec codec = MessageCodec.standard();
  private final ByteBuffer buffer = ByteBuffer.allocate(Limits.MAX_MESSAGE_BYTES);
  private long syncBytes;
  private int equivocator = -1;

  private LedgerExperiment(Simulation sim, LedgerScenario scenario, long seed) {
    this.sim = sim;
    this.scenario = scenario;
    this.random = new SplittableRandom(seed ^ 0x4C4544474552L);
  }

  /**
   * Runs one scenario with {@code peers} peers; {@code settings}' loss is replaced by the
   * scenario's.
   */
  public static LedgerResult run(
      SimSettings settings, NodeConfig nodeConfig, int peers, LedgerScenario scenario) {
    if (peers < 2) {
      throw new IllegalArgumentException("a ledger simulation needs at least two peers");
    }
    Simulation sim = new Simulation(settings);
    sim.setLossProbability(0);
    LedgerExperiment experiment = new LedgerExperiment(sim, scenario, settings.seed());
    return experiment.execute(nodeConfig, peers);
  }

  private LedgerResult execute(NodeConfig nodeConfig, int peers) {
    SyncConfig syncConfig =
        scenario.isReconciling()
            ? SyncConfig.defaults()
            : SyncConfig.defaults().withReconcileIntervalMicros(0);
    Verifier verifier =
        scenario.hasRealSignatures() ? Verifier.standard() : SimSignatures.verifier();
    for (int i = 0; i < peers; i++) {
      int index = i;
      Ledger ledger = new Ledger(verifier);
      ledgers.add(ledger);
      signers.add(scenario.hasRealSignatures() ? realSigner(index) : SimSignatures.signer(index));
      sim.addPeer(
          nodeConfig, (env, node) -> syncs.add(LedgerSync.attach(env, node, ledger, syncConfig)));
    }
    long overlayReady = joinAll(peers);
    sim.addDeliveryListener((now, from, to, message) -> countBytes(message));
    sim.setLossProbability(scenario.loss());

    long activityMicros = (long) (scenario.activitySeconds() * SECOND);
    long start = overlayReady;
    long end = start + activityMicros;
    int count =
        (int) Math.max(1, Math.round(scenario.activitySeconds() * scenario.transitionsPerSecond()));
    for (int k = 0; k < count; k++) {
      long at =
          start
              + (long) ((double) k / count * activityMicros)
              + random.nextLong(1 + activityMicros / count);
      sim.at(Math.min(at, end), this::authorOne);
    }
    if (scenario.isPartitioned()) {
      int[] side = new int[peers];
      for (int i = 0; i < peers; i++) {
        side[i] = i < peers / 2 ? 0 : 1;
      }
      sim.at(start + activityMicros / 5, () -> sim.partition(side));
      sim.at(start + activityMicros * 3 / 5, sim::healPartition);
    }
    int crashes = (int) Math.round(scenario.crashFraction() * peers);
    if (scenario.isEquivocating()) {
      equivocator = 1;
      sim.at(start + activityMicros / 2 - 1, this::equivocate);
    }
    if (crashes > 0) {
      sim.at(start + activityMicros / 2, () -> crash(crashes));
    }
    sim.runUntil(end);
    long lastAuthored = end;
    long deadline = end + (long) (scenario.drainSeconds() * SECOND);
    double convergence = -1;
    for (long t = end; t <= deadline; t += CHECK_MICROS) {
      sim.runUntil(t);
      if (isConverged()) {
        convergence = (t - lastAuthored) / 1e6;
        break;
      }
    }
    return result(peers, convergence);
  }

  private static Signer realSigner(int index) {
    byte[] seed = Hash.sha256(("catdit-sim-seed-" + index).getBytes()).bytes();
    return Signer.ed25519FromSeed(seed);
  }

  /** SCAMP joins in waves 1 s apart, each at most doubling the membership; then 5 s to settle. */
  private long joinAll(int peers) {
    int members = 1;
    long waveStart = 0;
    while (members < peers) {
      int waveEnd = Math.min(peers, members * 2);
      for (int i = members; i < waveEnd; i++) {
        int joiner = i;
        int contact = random.nextInt(members);
        sim.at(
            waveStart + random.nextLong(SECOND / 2),
            () -> sim.node(joiner).join(sim.now(), sim.id(contact)));
      }
      members = waveEnd;
      waveStart += SECOND;
    }
    long ready = waveStart + 5 * SECOND;
    sim.runUntil(ready);
    return ready;
  }

  private void authorOne() {
    int peer = randomLivePeer();
    if (peer < 0) {
      return;
    }
    Ledger ledger = ledgers.get(peer);
    int roll = random.nextInt(100);
    Payload payload;
    Hash post = roll >= 30 && roll < 95 ? knownPost(ledger) : null;
    if (roll < 30 || (roll < 95 && post == null)) {
      int n = postIds.size() + published.size();
      payload =
          new Payload.Post(
              Hash.sha256(("picture " + n).getBytes()),
              10_000 + n,
              800,
              600,
              "image/jpeg",
              "cat " + n,
              Hash.sha256(("thumbnail " + n).getBytes()));
    } else if (roll < 85) {
      payload = new Payload.Upvote(post);
    } else if (roll < 95) {
      payload = new Payload.RetractUpvote(post);
    } else {
      payload = new Payload.Profile("peer " + peer);
    }
    Transition transition = ledger.author(signers.get(peer), payload, sim.now() / 1000);
    if (payload instanceof Payload.Post) {
      postIds.add(transition.id());
    }
    published.add(transition);
    syncs.get(peer).publish(sim.now(), transition);
  }

  private Hash knownPost(Ledger ledger) {
    for (int attempt = 0; attempt < 8 && !postIds.isEmpty(); attempt++) {
      Hash candidate = postIds.get(random.nextInt(postIds.size()));
      if (ledger.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The equivocator signs a second transition with the sequence number of its latest one, and a
   * peer in the other half of the network publishes it as if it had received it.
   */
  private void equivocate() {
    Ledger own = ledgers.get(equivocator);
    Signer signer = signers.get(equivocator);
    if (own.lastSequence(signer.publicKey()) == 0) {
      Transition first = own.author(signer, new Payload.Profile("honest"), sim.now() / 1000);
      published.add(first);
      syncs.get(equivocator).publish(sim.now(), first);
    }
    long sequence = own.lastSequence(signer.publicKey());
    Hash latestId =
        own.ids().stream()
            .filter(
                id ->
                    own.get(id).orElseThrow().author().equals(signer.publicKey())
                        && own.get(id).orElseThrow().sequence() == sequence)
            .findFirst()
            .orElseThrow();
    Transition latest = own.get(latestId).orElseThrow();
    Transition fork =
        Transition.create(
            signer,
            sequence,
            latest.timestampMillis() + 1,
            latest.parents(),
            new Payload.Profile("fork"));
    int relay = sim.peerCount() - 1;
    while (relay > 0 && !sim.isAlive(relay)) {
      relay--;
    }
    ledgers.get(relay).ingest(fork);
    published.add(fork);
    syncs.get(relay).publish(sim.now(), fork);
  }

  private void crash(int crashes) {
    int done = 0;
    for (int attempt = 0; attempt < crashes * 20 && done < crashes; attempt++) {
      int peer = 2 + random.nextInt(sim.peerCount() - 3);
      if (sim.isAlive(peer)) {
        sim.crash(peer);
        done++;
      }
    }
  }

  private int randomLivePeer() {
    for (int attempt = 0; attempt < 64; attempt++) {
      int peer = random.nextInt(sim.peerCount());
      if (sim.isAlive(peer)) {
        return peer;
      }
    }
    return -1;
  }

  private boolean isConverged() {
    Hash first = null;
    for (int i = 0; i < sim.peerCount(); i++) {
      if (!sim.isAlive(i)) {
        continue;
      }
      Hash hash = ledgers.get(i).setHash();
      if (first == null) {
        first = hash;
      } else if (!first.equals(hash)) {
        return false;
      }
    }
    return true;
  }

  private void countBytes(Message message) {
    int code = message.type().code();
    if (code < 16) {
      return; // membership traffic is the overlay's, not the ledger's
    }
    buffer.clear();
    codec.encode(message, buffer);
    syncBytes += buffer.position();
  }

  private LedgerResult result(int peers, double convergence) {
    int live = 0;
    int firstLive = -1;
    long reconcile = 0;
    long wants = 0;
    long givenUp = 0;
    boolean excludedEverywhere = equivocator >= 0;
    for (int i = 0; i < peers; i++) {
      if (!sim.isAlive(i)) {
        continue;
      }
      live++;
      if (firstLive < 0) {
        firstLive = i;
      }
      reconcile += syncs.get(i).counters().reconcileMessagesSent();
      wants += syncs.get(i).counters().wantsSent();
      givenUp += syncs.get(i).counters().fetchesGivenUp();
      if (equivocator >= 0
          && !ledgers.get(i).excludedAuthors().containsKey(signers.get(equivocator).publicKey())) {
        excludedEverywhere = false;
      }
    }
    Ledger reference = ledgers.get(firstLive);
    long missing = published.stream().filter(t -> !reference.contains(t.id())).count();
    return new LedgerResult(
        peers,
        live,
        published.size(),
        reference.size(),
        convergence >= 0,
        convergence,
        published.isEmpty() ? 0 : (double) syncBytes / published.size() / peers,
        missing,
        equivocator >= 0,
        excludedEverywhere,
        scenario.hasRealSignatures(),
        scenario.isReconciling(),
        reconcile,
        wants,
        givenUp);
  }
}
