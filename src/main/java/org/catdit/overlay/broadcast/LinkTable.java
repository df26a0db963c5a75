package org.catdit.overlay.broadcast;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.catdit.overlay.core.PeerId;

/**
 * The links a peer's broadcast trees run over, and the eager/lazy state of each link in each tree.
 *
 * <p>ADR 0002: a neighbour is any peer in the SCAMP PartialView (out-link) or InView (in-link), and
 * a tree uses every such link in both directions. SCAMP arcs are directed, but both ends know of
 * each arc (the holder through its PartialView, the held peer through its InView), so the union is
 * a symmetric neighbour set: PRUNE and GRAFT always travel back over a link the other end also has.
 * The flooding baseline uses only the PartialView ({@link #isOutLink}).
 *
 * <p>Neighbours live in an array in insertion order (a removal moves the last one into the gap),
 * and each tree is a bit set over that array: bit {@code i} set means the link to neighbour {@code
 * i} is eager. This keeps hundreds of per-source trees per peer at a few bytes each.
 */
final class LinkTable {
  private static final int OUT = 1;
  private static final int IN = 2;

  private final BroadcastMode mode;
  private final int maxTrees;
  private PeerId[] peers = new PeerId[8];
  private byte[] roles = new byte[8];
  private int size;

  private final BitSet sharedTree = new BitSet();

  /** Per-source trees, least recently used first (the order decides eviction). */
  private final LinkedHashMap<PeerId, BitSet> trees = new LinkedHashMap<>(16, 0.75f, true);

  /** The same trees for lookups that must not count as a use. */
  private final HashMap<PeerId, BitSet> treeIndex = new HashMap<>();

  private PeerId templateRoot;
  private BitSet template;

  LinkTable(BroadcastMode mode, int maxTrees) {
    this.mode = mode;
    this.maxTrees = maxTrees;
  }

  int size() {
    return size;
  }

  PeerId get(int index) {
    return peers[index];
  }

  /**
   * The links eager in at least one tree this peer holds (the shared one, or any source's). Before
   * any per-source tree exists every link is eager: the first tree is made all-eager.
   */
  BitSet eagerInAnyTree() {
    BitSet any;
    if (mode == BroadcastMode.SHARED || mode == BroadcastMode.FLOOD) {
      any = (BitSet) sharedTree.clone();
    } else if (treeIndex.isEmpty()) {
      any = new BitSet();
      any.set(0, size);
    } else {
      any = new BitSet();
      for (BitSet tree : treeIndex.values()) {
        any.or(tree);
      }
    }
    any.clear(size, Math.max(size, any.length()));
    return any;
  }

  int indexOf(PeerId peer) {
    for (int i = 0; i < size; i++) {
      if (peers[i].equals(peer)) {
        return i;
      }
    }
    return -1;
  }

  boolean isOutLink(int index) {
    return (roles[index] & OUT) != 0;
  }

  /**
   * Records that {@code peer} is in the PartialView ({@code isOut}) or InView.
   *
   * @return whether it is a new neighbour (its link then starts eager in every tree)
   */
  boolean addRole(PeerId peer, boolean isOut) {
    int role = isOut ? OUT : IN;
    int index = indexOf(peer);
    if (index >= 0) {
      roles[index] |= (byte) role;
      return false;
    }
    if (size == peers.length) {
      peers = Arrays.copyOf(peers, size * 2);
      roles = Arrays.copyOf(roles, size * 2);
    }
    peers[size] = peer;
    roles[size] = (byte) role;
    // New links start eager (Alg. 3, NeighborUp).
    sharedTree.set(size);
    for (BitSet tree : trees.values()) {
      tree.set(size);
    }
    size++;
    return true;
  }

  /**
   * Records that {@code peer} left the PartialView ({@code isOut}) or InView.
   *
   * @return whether it is no longer a neighbour at all (its link then leaves every tree)
   */
  boolean removeRole(PeerId peer, boolean isOut) {
    int index = indexOf(peer);
    if (index < 0) {
      return false;
    }
    roles[index] &= (byte) ~(isOut ? OUT : IN);
    if (roles[index] != 0) {
      return false;
    }
    int last = size - 1;
    peers[index] = peers[last];
    roles[index] = roles[last];
    peers[last] = null;
    roles[last] = 0;
    moveBit(sharedTree, last, index);
    for (BitSet tree : trees.values()) {
      moveBit(tree, last, index);
    }
    size = last;
    return true;
  }

  private static void moveBit(BitSet tree, int from, int to) {
    tree.set(to, tree.get(from));
    tree.clear(from);
  }

  /**
   * The tree that carries messages broadcast by {@code root}: the one shared tree, or that root's
   * own, created on first use (all-eager in per-source mode, a copy of the template in hybrid
   * mode).
   */
  BitSet treeOf(PeerId root) {
    if (mode == BroadcastMode.SHARED || mode == BroadcastMode.FLOOD) {
      return sharedTree;
    }
    BitSet tree = treeIndex.get(root);
    if (tree != null) {
      return tree;
    }
    if (template == null) {
      // The first sender this peer hears of defines the template and is its root.
      tree = new BitSet();
      tree.set(0, size);
      template = tree;
      templateRoot = root;
    } else if (mode == BroadcastMode.HYBRID) {
      tree = (BitSet) template.clone();
    } else {
      tree = new BitSet();
      tree.set(0, size);
    }
    trees.put(root, tree);
    treeIndex.put(root, tree);
    evictTrees();
    return tree;
  }

  private void evictTrees() {
    Iterator<Map.Entry<PeerId, BitSet>> eldest = trees.entrySet().iterator();
    while (trees.size() > maxTrees && eldest.hasNext()) {
      Map.Entry<PeerId, BitSet> entry = eldest.next();
      if (!entry.getKey().equals(templateRoot)) {
        eldest.remove();
        treeIndex.remove(entry.getKey());
      }
    }
  }

  /**
   * Marks the tree of {@code root} as just used (once per message), for least-recently-used
   * eviction.
   */
  void touch(PeerId root) {
    if (mode != BroadcastMode.SHARED && mode != BroadcastMode.FLOOD) {
      trees.get(root);
    }
  }

  /** The tree of {@code root} if it exists, without creating it or counting as a use. */
  BitSet peekTree(PeerId root) {
    if (mode == BroadcastMode.SHARED || mode == BroadcastMode.FLOOD) {
      return sharedTree;
    }
    return treeIndex.get(root);
  }

  int treeCount() {
    return mode == BroadcastMode.SHARED || mode == BroadcastMode.FLOOD ? 1 : trees.size();
  }
}
