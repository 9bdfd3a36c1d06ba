package io.eventflow.runtime.cli;

import java.util.Collection;
import java.util.List;

/** Suggestions for a mistyped option or verb that picocli's prefix matching misses (--prot for --port). */
final class Typos {
    private Typos() {}

    static List<String> near(String typed, Collection<String> names) {
        String t = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        return names.stream()
                .filter(n -> n.length() > 2 && distance(t, n) <= Math.max(1, Math.min(2, n.length() / 4)))
                .sorted()
                .toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
