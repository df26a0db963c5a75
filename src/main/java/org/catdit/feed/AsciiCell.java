package org.catdit.feed;

/**
 * One character cell of ASCII art.
 *
 * @param character from {@link AsciiArt#RAMP}, denser for brighter cells
 * @param rgb the cell's average colour, 0xRRGGBB
 */
public record AsciiCell(char character, int rgb) {}
