package org.catdit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** The arrows of docs/architecture.md, as tests: each rule says why it exists. */
@AnalyzeClasses(packages = "org.catdit", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
  private static final String[] DETERMINISTIC = {
    "org.catdit.overlay..", "org.catdit.ledger..", "org.catdit.sim.."
  };

  @ArchTest
  static final ArchRule protocolsStaySansIo =
      noClasses()
          .that()
          .resideInAnyPackage("org.catdit.overlay..", "org.catdit.ledger..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.netty..", "javafx..", "java.sql..", "java.net..", "java.nio.channels..")
          .because(
              "protocol cores run unchanged on Netty and in the simulator (architecture rule 1)");

  @ArchTest
  static final ArchRule protocolsNeverReadTheClockOrSleep =
      noClasses()
          .that()
          .resideInAnyPackage(DETERMINISTIC)
          .should()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .because(
              "time is handed to protocols as nowMicros, so a simulation replays from its seed");

  @ArchTest
  static final ArchRule protocolsUseOnlySeededRandomness =
      noClasses()
          .that()
          .resideInAnyPackage(DETERMINISTIC)
          .should()
          .callConstructor(Random.class)
          .orShould()
          .callMethod(ThreadLocalRandom.class, "current")
          .orShould()
          .callMethod(Math.class, "random")
          .because("randomness comes from the environment's seeded stream (style rule 3)");

  @ArchTest
  static final ArchRule syncReachesStorageOnlyThroughInterfaces =
      noClasses()
          .that()
          .resideInAPackage("org.catdit.ledger.sync..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.catdit.store..", "org.catdit.net..", "org.catdit.sim..", "java.nio.file..")
          .because(
              "sync and blob transfer see storage only as BlobRepository and the like, so the"
                  + " simulator can run them over memory");

  @ArchTest
  static final ArchRule onlyNetTouchesNetty =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.catdit.net..", "org.catdit.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..")
          .because("Netty is a thin edge in the net package");

  @ArchTest
  static final ArchRule onlyStoreTouchesSql =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.catdit.store..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.sql..")
          .because("the store package owns the database");

  @ArchTest
  static final ArchRule theStoreKnowsNothingAboveIt =
      noClasses()
          .that()
          .resideInAPackage("org.catdit.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.catdit.net..",
              "org.catdit.app..",
              "org.catdit.ui..",
              "org.catdit.tui..",
              "org.catdit.sim..",
              "org.catdit.overlay.node..",
              "org.catdit.overlay.link..",
              "org.catdit.overlay.membership..",
              "org.catdit.overlay.broadcast..",
              "io.netty..",
              "javafx..")
          .because(
              "the store keeps bytes and ids for the ledger (checked against the wire's limits,"
                  + " overlay.wire); it must not reach the network or UI");

  @ArchTest
  static final ArchRule onlyUiTouchesJavaFx =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.catdit.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp.ikonli..")
          .because(
              "the UI is the only JavaFX package; app.Main hands it a PeerFactory (style rule 11)");

  @ArchTest
  static final ArchRule theUiTalksOnlyToThePeerHandle =
      noClasses()
          .that()
          .resideInAPackage("org.catdit.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.catdit.net..",
              "org.catdit.store..",
              "org.catdit.overlay..",
              "org.catdit.ledger..",
              "org.catdit.sim..",
              "org.catdit.app..",
              "io.netty..",
              "java.sql..")
          .because(
              "the desktop app sees a running peer only through feed.PeerHandle, so it works on"
                  + " any implementation and never blocks on the network or the database");

  @ArchTest
  static final ArchRule screensDoNotReachIntoEachOther =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.catdit.ui.feed..",
              "org.catdit.ui.compose..",
              "org.catdit.ui.network..",
              "org.catdit.ui.identity..",
              "org.catdit.ui.settings..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.catdit.ui.shell..")
          .because("the shell composes the screens, not the other way round (style rule 12)");

  @ArchTest
  static final ArchRule frontEndsGoThroughTheNodeHandle =
      noClasses()
          .that()
          .resideInAnyPackage("org.catdit.ui..", "org.catdit.tui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.catdit.net..", "org.catdit.store..")
          .allowEmptyShould(true)
          .because(
              "front ends talk to overlay.node and feed, never to the network or the database");

  @ArchTest
  static final ArchRule onlyTheTerminalFrontEndTouchesLanterna =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.catdit.tui..", "org.catdit.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.googlecode.lanterna..")
          .because("catascii is the only terminal UI; the rest draws nothing on a terminal");

  @ArchTest
  static final ArchRule feedStaysFreeOfFrontEndsAndStorage =
      noClasses()
          .that()
          .resideInAPackage("org.catdit.feed..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..",
              "com.googlecode.lanterna..",
              "java.sql..",
              "org.catdit.ui..",
              "org.catdit.tui..",
              "org.catdit.app..")
          .because(
              "feed is the shared vocabulary of every front end and the peer; it draws nothing and"
                  + " stores nothing");

  @ArchTest
  static final ArchRule protocolsDoNotReachUpwards =
      noClasses()
          .that()
          .resideInAPackage("org.catdit.overlay..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.catdit.sim..", "org.catdit.app..", "org.catdit.net..")
          .because("the runtimes depend on the protocols, not the other way round");
}
