package org.catdit.sim.blob;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntFunction;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.BlobRepository;
import org.catdit.ledger.sync.BlobTransfer;
import org.catdit.ledger.sync.BlobTransferConfig;
import org.catdit.ledger.sync.MemoryBlobRepository;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.Simulation;
import org.catdit.sim.broadcast.JoinedOverlay;

/**
 * Simulated peers that each run a {@link BlobTransfer} beside membership and broadcast, wired as
 * the real node will be: a "post" (hash and size) travels the broadcast tree, and every peer that
 * delivers it fetches the picture, first from the neighbour that delivered the post.
 */
final class BlobSwarm {
  static final long SECOND = 1_000_000L;
  static final long REPOSITORY_BYTES = 64L << 20;

  final Simulation sim;
  final List<BlobTransfer> transfers = new ArrayList<>();
  final List<BlobRepository> repositories = new ArrayList<>();

  /** When each peer completed the blob being watched, or -1. */
  long[] completedAtMicros = new long[0];

  Hash watched;

  private BlobSwarm(Simulation sim) {
    this.sim = sim;
  }

  /** The current neighbours of a peer: both membership views, in a stable order. */
  static List<PeerId> neighbours(Node node) {
    LinkedHashSet<PeerId> peers = new LinkedHashSet<>(node.membership().partialView());
    peers.addAll(node.membership().inView());
    return new ArrayList<>(peers);
  }

  /** {@code peers} joined through SCAMP and settled; repositories made by {@code repository}. */
  static BlobSwarm joined(
      Simulation sim,
      int peers,
      BlobTransferConfig config,
      IntFunction<BlobRepository> repository) {
    BlobSwarm swarm = new BlobSwarm(sim);
    JoinedOverlay.build(
        sim,
        NodeConfig.defaults(),
        peers,
        5 * SECOND,
        (env, node) -> swarm.attach(env, node, config, repository.apply(swarm.transfers.size())));
    return swarm;
  }

  static BlobSwarm joined(Simulation sim, int peers, BlobTransferConfig config) {
    return joined(sim, peers, config, index -> new MemoryBlobRepository(REPOSITORY_BYTES));
  }

  /** Adds one more peer (not joined) over {@code repository}: a restart keeps its repository. */
  int addPeer(BlobTransferConfig config, BlobRepository repository) {
    return sim.addPeer(NodeConfig.defaults(), (env, node) -> attach(env, node, config, repository));
  }

  private void attach(
      org.catdit.overlay.core.Environment env,
      Node node,
      BlobTransferConfig config,
      BlobRepository repository) {
    int index = transfers.size();
    BlobTransfer transfer = new BlobTransfer(env, config, repository, () -> neighbours(node));
    transfer.setListener(
        (now, hash) -> {
          if (hash.equals(watched)) {
            completedAtMicros[index] = now;
          }
        });
    node.attach(64, 79, transfer);
    node.addDeliveryListener(
        (now, id, payload, from, hops) -> {
          ByteBuffer post = ByteBuffer.wrap(payload);
          byte[] hash = new byte[Hash.BYTES];
          post.get(hash);
          transfer.fetch(now, Hash.of(hash), post.getLong(), from);
        });
    transfers.add(transfer);
    repositories.add(repository);
    completedAtMicros = Arrays.copyOf(completedAtMicros, transfers.size());
    completedAtMicros[index] = -1;
  }

  /** Peer {@code author} stores {@code picture} and broadcasts a post naming it. */
  Hash post(int author, byte[] picture) throws Exception {
    Hash hash = repositories.get(author).put(picture);
    watched = hash;
    Arrays.fill(completedAtMicros, -1);
    completedAtMicros[author] = sim.now();
    ByteBuffer post = ByteBuffer.allocate(Hash.BYTES + Long.BYTES);
    post.put(hash.bytes()).putLong(picture.length);
    sim.node(author).broadcast(sim.now(), post.array());
    return hash;
  }

  /** Live peers that hold the watched blob complete. */
  int holders() {
    int count = 0;
    for (int i = 0; i < transfers.size(); i++) {
      if (sim.isAlive(i) && repositories.get(i).isComplete(watched)) {
        count++;
      }
    }
    return count;
  }

  int livePeers() {
    int count = 0;
    for (int i = 0; i < transfers.size(); i++) {
      if (sim.isAlive(i)) {
        count++;
      }
    }
    return count;
  }

  /** Runs until every live peer holds the watched blob or {@code limitMicros} passes. */
  long runUntilReplicated(long limitMicros) {
    long step = 100_000;
    while (sim.now() < limitMicros && holders() < livePeers()) {
      sim.runUntil(sim.now() + step);
    }
    return sim.now();
  }

  /** The time the last live peer completed, relative to {@code startMicros}. */
  long replicationMicros(long startMicros) {
    long last = startMicros;
    for (int i = 0; i < transfers.size(); i++) {
      if (sim.isAlive(i)) {
        last = Math.max(last, completedAtMicros[i]);
      }
    }
    return last - startMicros;
  }

  long sum(java.util.function.ToLongFunction<BlobTransfer> counter) {
    long total = 0;
    for (BlobTransfer transfer : transfers) {
      total += counter.applyAsLong(transfer);
    }
    return total;
  }
}
