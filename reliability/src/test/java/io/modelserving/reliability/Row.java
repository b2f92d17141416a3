package io.modelserving.reliability;

/**
 * One line of the report.
 *
 * @param in          data records the broker acknowledged
 * @param out         of those, the ones with at least one output (scored record or dead letter)
 * @param lost        inputs without any output
 * @param duplicated  outputs beyond the first of an input
 * @param kills       SIGKILLs of serve processes
 * @param resume      seconds from each restart to the first record the new process scored, or "-"
 * @param downP99Ms   p99 send-to-scored latency of the records sent while an instance was down, or -1
 * @param badInputs   hostile data records and model messages sent
 * @param crashes     serve processes that died without being killed
 * @param peakHeapMb  the largest heap in use of any serve process
 * @param peakRssMb   the largest resident set of any serve process
 * @param note        what else the scenario checked
 */
record Row(String scenario, String engine, String guarantee, long in, long out, long lost, long duplicated,
           int kills, String resume, long downP99Ms, long badInputs, int crashes, long peakHeapMb, long peakRssMb,
           String note) {

    String markdown() {
        return "| " + String.join(" | ", scenario, engine, guarantee, Long.toString(in), Long.toString(out),
                Long.toString(lost), Long.toString(duplicated), Integer.toString(kills), resume,
                downP99Ms < 0 ? "-" : Long.toString(downP99Ms), Long.toString(badInputs), Integer.toString(crashes),
                Long.toString(peakHeapMb), Long.toString(peakRssMb), note) + " |";
    }

    static String header() {
        return "| scenario | engine | guarantee | in | out | lost | duplicated | kills | resume (s) "
                + "| p99 while down (ms) "
                + "| bad inputs | crashes | peak heap (MB) | peak RSS (MB) | checked |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|";
    }
}
