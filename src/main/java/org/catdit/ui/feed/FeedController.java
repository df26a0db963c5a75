package org.catdit.ui.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.ui.common.EventBatch;
import org.catdit.ui.common.Session;

/**
 * The feed screen: a grid of picture cards in the chosen order that changes live.
 *
 * <p>How live changes land, so nothing under the user's pointer moves: a post already shown is
 * replaced in place (its score, its thumbnail arriving); this peer's own new post goes to the top;
 * new posts from the network wait behind a "n new posts" button, as in most feed apps, and the
 * order is recomputed only when the user asks (that button, a sort, a reload). While the grid is
 * still empty (a first start catching up) there is nothing to keep in place, so posts arriving then
 * are shown at once rather than behind the button over "No cat pictures yet".
 */
public final class FeedController {
  /** The most posts the grid holds; the peer returns the best this many. */
  public static final int MAX_FEED_POSTS = 10_000;

  /** Changed posts fetched one by one per batch; beyond this the feed reloads instead. */
  public static final int MAX_CHANGES_FETCHED_PER_BATCH = 200;

  private final Session session;
  private final Consumer<String> notifier;
  private final ObservableList<FeedPost> posts = FXCollections.observableArrayList();
  private final ObjectProperty<FeedSort> sort = new SimpleObjectProperty<>(FeedSort.HOT);
  private final Set<String> waitingPostIds = new LinkedHashSet<>();
  private final IntegerProperty waitingCount = new SimpleIntegerProperty();
  private final BooleanProperty isStale = new SimpleBooleanProperty();
  private final FeedView view;
  private long loadGeneration;
  private boolean isEmptyFeedReloading;
  private final Set<String> arrivedDuringLoad = new LinkedHashSet<>();

  /**
   * @param notifier shows a short message to the user (errors of votes and loads)
   */
  public FeedController(Session session, Consumer<String> notifier) {
    this.session = session;
    this.notifier = notifier;
    this.view = new FeedView(this, session);
    session.bridge().listen(this::onBatch);
    reload();
  }

  public Node view() {
    return view.root();
  }

  /** The posts shown, in grid order (read-only; FX thread). */
  public ObservableList<FeedPost> posts() {
    return FXCollections.unmodifiableObservableList(posts);
  }

  public ObjectProperty<FeedSort> sortProperty() {
    return sort;
  }

  /** New posts from the network not yet shown. */
  public ReadOnlyIntegerProperty waitingCountProperty() {
    return waitingCount;
  }

  /** More changed than can be patched in place; a reload shows it all. */
  public ReadOnlyBooleanProperty isStaleProperty() {
    return isStale;
  }

  public void sortBy(FeedSort newSort) {
    sort.set(newSort);
    reload();
  }

  /** Fetches the feed afresh in the current order and shows it, new posts included. */
  public void reload() {
    long generation = ++loadGeneration;
    FeedSort requested = sort.get();
    arrivedDuringLoad.clear();
    session
        .peer()
        .feed(requested, MAX_FEED_POSTS)
        .whenCompleteAsync(
            (loaded, failure) -> {
              if (generation != loadGeneration) {
                return; // a later reload superseded this one
              }
              if (failure != null) {
                isEmptyFeedReloading = false;
                notifier.accept("Could not load the feed: " + rootMessage(failure));
                return;
              }
              Set<String> loadedIds = new HashSet<>();
              loaded.forEach(post -> loadedIds.add(post.id()));
              List<String> missed =
                  arrivedDuringLoad.stream().filter(id -> !loadedIds.contains(id)).toList();
              if (isEmptyFeedReloading && !missed.isEmpty()) {
                reload(); // posts arrived after this load was read: still nothing shown to keep
                return;
              }
              isEmptyFeedReloading = false;
              waitingPostIds.clear();
              waitingPostIds.addAll(missed);
              arrivedDuringLoad.clear();
              waitingCount.set(waitingPostIds.size());
              isStale.set(false);
              posts.setAll(loaded);
              view.scrollToTop();
            },
            session.threads().fx());
  }

  /** Shows a post this peer just made at the top, at once. */
  public void showOwnPost(String postId) {
    session
        .peer()
        .post(postId)
        .thenAcceptAsync(
            found ->
                found.ifPresent(
                    post -> {
                      if (!replace(post)) {
                        posts.add(0, post);
                      }
                      view.scrollToTop();
                    }),
            session.threads().fx());
  }

  void onBatch(EventBatch batch) {
    if (batch.isFeedOverflowed() || batch.changedPostIds().size() > MAX_CHANGES_FETCHED_PER_BATCH) {
      // Too much changed to patch in place: offer a reload rather than reshuffling under the user.
      isStale.set(true);
    } else {
      for (String id : batch.changedPostIds()) {
        session
            .peer()
            .post(id)
            .thenAcceptAsync(found -> found.ifPresent(this::onPostChanged), session.threads().fx());
      }
    }
    if (!batch.availablePictureHashes().isEmpty() || batch.isPictureOverflowed()) {
      refreshPostsWithPictures(batch.availablePictureHashes(), batch.isPictureOverflowed());
    }
  }

  private void onPostChanged(FeedPost post) {
    if (replace(post)) {
      return;
    }
    if (post.authorKeyHex().equals(session.peer().identity().publicKeyHex())) {
      posts.add(0, post);
      view.scrollToTop();
      return;
    }
    if (posts.isEmpty()) {
      // Nothing shown that could move: fetch the feed in order (once for a burst of arrivals).
      if (!isEmptyFeedReloading) {
        isEmptyFeedReloading = true;
        reload();
      }
      if (arrivedDuringLoad.size() < MAX_FEED_POSTS) {
        arrivedDuringLoad.add(post.id());
      }
      return;
    }
    if (waitingPostIds.size() < MAX_FEED_POSTS) {
      waitingPostIds.add(post.id());
    }
    if (arrivedDuringLoad.size() < MAX_FEED_POSTS) {
      arrivedDuringLoad.add(post.id()); // a reload in flight may have been read before it
    }
    waitingCount.set(waitingPostIds.size());
  }

  private void refreshPostsWithPictures(List<String> hashes, boolean isEverything) {
    Set<String> arrived = Set.copyOf(hashes);
    List<String> affected = new ArrayList<>();
    for (FeedPost post : posts) {
      boolean isWaitingForPicture = !post.isThumbnailHeld() || !post.isPictureHeld();
      if (isWaitingForPicture
          && (isEverything
              || arrived.contains(post.thumbnailHash())
              || arrived.contains(post.pictureHash()))) {
        affected.add(post.id());
      }
      if (affected.size() >= MAX_CHANGES_FETCHED_PER_BATCH) {
        break;
      }
    }
    for (String id : affected) {
      session
          .peer()
          .post(id)
          .thenAcceptAsync(found -> found.ifPresent(this::replace), session.threads().fx());
    }
  }

  /** Replaces the post with the same id in place; false if it is not shown. */
  boolean replace(FeedPost post) {
    for (int index = 0; index < posts.size(); index++) {
      if (posts.get(index).id().equals(post.id())) {
        if (!posts.get(index).equals(post)) {
          posts.set(index, post);
        }
        return true;
      }
    }
    return false;
  }

  /** The upvote toggle of a card was pressed. */
  void setUpvote(FeedPost post, boolean isUpvoted) {
    session
        .peer()
        .setUpvote(post.id(), isUpvoted)
        .thenCompose(done -> session.peer().post(post.id()))
        .whenCompleteAsync(
            (found, failure) -> {
              if (failure != null) {
                notifier.accept("Your vote did not go through: " + rootMessage(failure));
                putBack(post); // the toggle shows the vote as it stands
                return;
              }
              found.ifPresent(this::replace);
            },
            session.threads().fx());
  }

  private void putBack(FeedPost post) {
    for (int index = 0; index < posts.size(); index++) {
      if (posts.get(index).id().equals(post.id())) {
        posts.set(index, post); // set even if equal, so the cell redraws its toggle
        return;
      }
    }
  }

  Optional<FeedPost> postById(String id) {
    return posts.stream().filter(post -> post.id().equals(id)).findFirst();
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
