package org.catdit.sim.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The caller's extra {@code peers.csv} columns, in the order they are written after {@code
 * peer,outDegree,inDegree}.
 */
public record PeerColumns(List<PeerColumn> columns) {

  private static final Set<String> FIXED_NAMES = Set.of("peer", "outDegree", "inDegree");

  public PeerColumns {
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>(FIXED_NAMES);
    for (PeerColumn column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("duplicate or reserved column name: " + column.name());
      }
    }
  }

  public static PeerColumns none() {
    return new PeerColumns(List.of());
  }

  public static PeerColumns of(PeerColumn... columns) {
    return new PeerColumns(List.of(columns));
  }

  /**
   * Columns from parallel arrays: {@code valuesByColumn[c][peer]} is column {@code names.get(c)}
   * for simulator peer index {@code peer}.
   */
  public static PeerColumns fromArrays(List<String> names, int[][] valuesByColumn) {
    if (names.size() != valuesByColumn.length) {
      throw new IllegalArgumentException(
          names.size() + " names for " + valuesByColumn.length + " columns");
    }
    List<PeerColumn> columns = new ArrayList<>(names.size());
    for (int c = 0; c < names.size(); c++) {
      columns.add(PeerColumn.ofArray(names.get(c), valuesByColumn[c]));
    }
    return new PeerColumns(columns);
  }

  public List<String> names() {
    return columns.stream().map(PeerColumn::name).toList();
  }
}
