package org.catdit.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** Checks for the text fields: one canonical form per string, so one encoding per transition. */
final class Text {
  private Text() {}

  static void checkText(String text, int minCodePoints, int maxCodePoints, String what) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints < minCodePoints || codePoints > maxCodePoints) {
      throw new IllegalArgumentException(
          what
              + " has "
              + codePoints
              + " characters, allowed "
              + minCodePoints
              + "-"
              + maxCodePoints);
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isISOControl(cp) || (Character.isSurrogate(text.charAt(i)) && cp < 0x10000)) {
        throw new IllegalArgumentException(
            what + " contains a control character or lone surrogate");
      }
      i += Character.charCount(cp);
    }
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      throw new IllegalArgumentException(what + " is not in Unicode NFC");
    }
  }

  static void checkMediaType(String mediaType) {
    if (mediaType == null
        || mediaType.length() > TransitionLimits.MAX_MEDIA_TYPE_CHARS
        || !mediaType.matches("image/[a-z0-9.+-]{1,58}")) {
      throw new IllegalArgumentException("media type must look like image/jpeg: " + mediaType);
    }
  }

  /** Strict UTF-8: malformed input, overlong forms and encoded surrogates are errors. */
  static String decodeUtf8(byte[] bytes) throws MalformedTransitionException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedTransitionException("text is not valid UTF-8");
    }
  }
}
