package dev.spool.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and range of a few runs. */
record Stat(double median, double min, double max, int n) {

    static Stat of(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Stat(median, n == 0 ? Double.NaN : v.get(0), n == 0 ? Double.NaN : v.get(n - 1), n);
    }

    /** The median, then (min–max) when there was more than one run. */
    String show(String format) {
        String m = String.format(Locale.ROOT, format, median);
        if (n <= 1) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, format, min) + "–" + String.format(Locale.ROOT, format, max) + ")";
    }
}
