package org.catdit.overlay.link;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The link layer stays sans-I/O: no clock, no ambient randomness, no runtime libraries. */
class LinkArchitectureTest {
  private static final JavaClasses LINK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.catdit.overlay.link");

  @Test
  void readsNoClock() {
    noClasses()
        .should()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(Thread.class, "sleep", long.class)
        .because("time is handed in as nowMicros, so the simulator can replay a run")
        .check(LINK);
  }

  @Test
  void drawsNoAmbientRandomness() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .because("randomness comes from the injected RandomGenerator")
        .check(LINK);
  }

  @Test
  void importsNoRuntime() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..", "javafx..", "java.sql..", "org.catdit.sim..")
        .because("the runtimes depend on the link layer, not the other way round")
        .check(LINK);
  }

  @Test
  void writesNothingToTheStandardStreams() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
        .because(
            "the link reports through counters and stats; a debug print left in it once went"
                + " out on every RTT sample")
        .check(LINK);
  }
}
