// `kafkalab-cli simulate SCENARIO.json [--seed S] [--data-dir D]`: plays a scenario on the
// embedded cluster with a manual clock (kl::runScenario) and prints the timeline and the final
// summary as JSON lines on stdout — the same bytes for the same file and seed. When the scenario
// ran consumer groups, the JSON lines are followed by each group's table as
// `kafka-consumer-groups.sh --describe` prints it (scenario/group_table.h). Failed expects
// and actions that did not do what the file said go to stderr as FILE:LINE: reason, exit 1;
// a malformed file is FILE:LINE[:COLUMN]: reason, exit 2.
// Without --data-dir the brokers live in a fresh temporary directory removed afterwards.
// A bad command line or an unusable --data-dir / TMPDIR is exit 2 too, saying what is accepted.
//
// Record timestamps: the manual clock starts so that the scenario ENDS at the current wall time
// (whole seconds), as if its records had just been produced. A --data-dir kept for later then
// opens in kafkalab-broker or the GUI with its segments inside retention.ms (7 days by default),
// instead of being deleted at once by retention as with a fixed 2023 start. The timeline on
// stdout counts from the scenario's start, so it is the same bytes whatever the start;
// --start-time-ms pins the start too (byte-identical data directories).
#include "commands.h"

#include "../cli_numbers.h"

#include "scenario/group_table.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

namespace kl::cli {

namespace {

namespace fs = std::filesystem;

struct SimulateOptions {
    std::string file;
    std::optional<uint64_t> seed;
    std::string dataDir;
    std::optional<int64_t> startTimeMs;
    bool progress = false;
};

// The engine clock at scenario time 0: the given start, else the current wall time in whole
// seconds minus the scenario's length, so its last records are stamped about now.
int64_t scenarioStartMs(const Scenario &scenario, const std::optional<int64_t> &given)
{
    if (given)
        return *given;
    const int64_t nowMs = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count()
        * 1000;
    return std::max<int64_t>(0, nowMs - scenario.endMs);
}

// A fresh directory under the system temp dir, removed when this goes out of scope.
class TempDir {
public:
    // On failure path() is empty and error() says why (TMPDIR missing, not writable, ...).
    TempDir()
    {
        std::error_code ec;
        const fs::path base = fs::temp_directory_path(ec);
        if (ec) {
            const char *tmpdir = std::getenv("TMPDIR");
            m_error = std::string("the temporary directory ") + (tmpdir ? "TMPDIR=" + std::string(tmpdir) : "/tmp")
                + " cannot be used (" + ec.message() + "); set TMPDIR to an existing directory or give --data-dir";
            return;
        }
        std::string pattern = (base / "kafkalab-simulate-XXXXXX").string();
        if (mkdtemp(pattern.data()))
            m_path = pattern;
        else
            m_error = "cannot create a directory in " + base.string() + " (" + std::strerror(errno)
                + "); set TMPDIR to a writable directory or give --data-dir";
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!m_path.empty())
            fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const fs::path &path() const { return m_path; }
    const std::string &error() const { return m_error; }

private:
    fs::path m_path;
    std::string m_error;
};

int runSimulate(const SimulateOptions &o)
{
    // stdout is the timeline and must be reproducible: the engine's log lines (wall-clock
    // stamps, temp paths) go to stderr, and only warnings, since events already say the rest.
    auto logger = spdlog::stderr_color_mt("simulate");
    logger->set_level(spdlog::level::warn);
    spdlog::set_default_logger(logger);

    const ScenarioParseResult parsed = loadScenarioFile(o.file);
    if (!parsed) {
        std::cerr << parsed.error.toString(o.file) << '\n';
        return 2;
    }

    std::optional<TempDir> temp;
    ScenarioRunOptions options;
    options.seed = o.seed;
    options.startMs = scenarioStartMs(*parsed.scenario, o.startTimeMs);
    // Progress on stderr: asked for, or a terminal (a long run must not look hung). At most one
    // line a second of wall time; on a terminal the line is rewritten in place.
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    if (o.progress || tty) {
        auto last = std::make_shared<std::chrono::steady_clock::time_point>();
        options.progress = [last, tty, forced = o.progress](int64_t nowMs, int64_t endMs) {
            const auto wall = std::chrono::steady_clock::now();
            if (!forced && wall - *last < std::chrono::seconds(1) && nowMs < endMs)
                return;
            *last = wall;
            const double percent = endMs > 0 ? 100.0 * static_cast<double>(nowMs) / static_cast<double>(endMs) : 100;
            std::cerr << (tty ? "\r" : "") << "simulate: " << static_cast<int>(percent) << "% (" << nowMs / 1000
                      << " of " << endMs / 1000 << " s simulated)" << (tty ? "" : "\n") << std::flush;
        };
    }
    if (o.dataDir.empty()) {
        temp.emplace();
        if (temp->path().empty()) {
            std::cerr << "kafkalab-cli simulate: " << temp->error() << '\n';
            return 2;
        }
        options.dataDir = temp->path();
    } else {
        // An existing cluster would be recovered and change the run: insist on a fresh one.
        std::error_code ec;
        if (fs::exists(o.dataDir, ec) && !fs::is_directory(o.dataDir, ec)) {
            std::cerr << "kafkalab-cli simulate: --data-dir " << o.dataDir
                      << " is a file, not a directory (give an empty or new directory)\n";
            return 2;
        }
        if (fs::exists(o.dataDir, ec) && !fs::is_empty(o.dataDir, ec)) {
            std::cerr << "kafkalab-cli simulate: --data-dir " << o.dataDir
                      << " is not empty (a scenario starts from an empty cluster: give an empty or new "
                         "directory)\n";
            return 2;
        }
        options.dataDir = o.dataDir;
    }

    const ScenarioRunReport report = runScenario(*parsed.scenario, options,
        [](const std::string &line) { std::cout << line << '\n'; });
    if (tty && options.progress)
        std::cerr << '\n';
    if (!report.groups.empty())
        std::cout << describeGroupsText(report.groups);
    std::cout.flush();
    if (!report.status) {
        std::cerr << "kafkalab-cli simulate: " << report.status.toString() << '\n';
        return 1;
    }
    for (const ScenarioFailure &failure : report.failures)
        std::cerr << o.file << ':' << failure.line << ": at " << failure.atMs << " ms: " << failure.reason
                  << '\n';
    return report.ok() ? 0 : 1;
}

} // namespace

Command addSimulateCommand(CLI::App &app)
{
    auto options = std::make_shared<SimulateOptions>();
    CLI::App *sub = app.add_subcommand("simulate",
        "Run a scenario file on the embedded cluster with a manual clock; print the event "
        "timeline and a per-partition summary as JSON lines");
    sub->add_option("scenario", options->file, "Scenario file (JSON; see docs/SCENARIOS.md)")->required();
    sub->add_option("--seed", options->seed, "Override the scenario's seed")
        ->check(wholeNumber(0, INT64_MAX, "a scenario's seed range"));
    sub->add_option("--start-time-ms", options->startTimeMs,
           "Engine clock at scenario time 0 (Unix ms; record timestamps count from it); default: the "
           "scenario ends at the current time")
        ->check(wholeNumber(0, 253'402'300'799'999, "Unix time in milliseconds, up to the year 9999"));
    sub->add_flag("--progress", options->progress,
        "Print how far the run is on stderr (always on when stderr is a terminal)");
    sub->add_option("--data-dir", options->dataDir,
        "Keep the brokers' data here (empty or absent); default: a temporary directory, removed after");
    return {sub, [options]() { return runSimulate(*options); }};
}

} // namespace kl::cli
