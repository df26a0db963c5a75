package org.catdit.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;

/** AtlantaFX's Primer themes as the user-agent stylesheet, plus catdit's own sheet on top. */
public final class Theme {
  /** catdit's additions (cards, links of the network panel), in AtlantaFX's colour variables. */
  public static final String STYLESHEET =
      Objects.requireNonNull(Theme.class.getResource("/org/catdit/ui/catdit.css")).toExternalForm();

  private Theme() {}

  /** Switches every window between Primer Light and Primer Dark. FX thread. */
  public static void apply(boolean isDark) {
    Application.setUserAgentStylesheet(
        isDark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }
}
