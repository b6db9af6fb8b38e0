// kafkalab-bench dump-memory: peak RSS (and wall time) of `kafkalab-cli dump-log` on the
// reproducers of issue 10 (tests/engine/dump_bombs.h), built in a temp dir at full size. The
// CLI runs as a child; its peak RSS is the kernel's (wait4's ru_maxrss), as /usr/bin/time -v
// reports it. --cli runs another build (e.g. an older one) for a before/after comparison;
// --as-limit-mb caps the child's address space (an unbounded decoder then stops with
// std::bad_alloc instead of taking the machine's memory).
#include "bench.h"
#include "dump_bombs.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <fstream>
#include <sstream>
#include <vector>

namespace kl::bench {

namespace {

namespace fs = std::filesystem;

struct Child {
    int code = -1;
    int signal = 0;
    long maxRssKb = 0;
    double seconds = 0;
    std::string errHead; // the first line of stderr
};

Child runChild(const std::string &cli, const std::vector<std::string> &args, const fs::path &errFile,
               uint64_t asLimitBytes)
{
    std::vector<std::string> argv{cli};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        if (asLimitBytes > 0) {
            const rlimit limit{asLimitBytes, asLimitBytes};
            setrlimit(RLIMIT_AS, &limit);
        }
        const int out = open("/dev/null", O_WRONLY);
        const int err = open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char *> cargs;
        for (std::string &a : argv)
            cargs.push_back(a.data());
        cargs.push_back(nullptr);
        execv(cargs[0], cargs.data());
        _exit(127);
    }
    Child c;
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    c.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    c.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    c.maxRssKb = usage.ru_maxrss;
    std::ifstream in(errFile);
    std::getline(in, c.errHead);
    if (c.errHead.size() > 120)
        c.errHead.resize(120);
    return c;
}

struct Case {
    const char *name;
    const char *file;     // inside its own directory
    const char *flag;     // dump-log flag
    std::function<Status(const fs::path &)> make;
};

} // namespace

int runDumpMemory(std::span<const std::string> args)
{
    fs::path dir = fs::temp_directory_path() / fmt::format("kafkalab-dump-memory-{}", getpid());
    std::string cli;
    uint64_t asLimit = 0;
    std::string only;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--dir" && hasValue)
            dir = args[++i];
        else if (a == "--cli" && hasValue)
            cli = args[++i];
        else if (a == "--as-limit-mb" && hasValue)
            asLimit = std::stoull(args[++i]) << 20;
        else if (a == "--only" && hasValue)
            only = args[++i];
        else {
            fmt::print(stderr, "dump-memory: unknown argument '{}' (--dir D, --cli PATH, --as-limit-mb N, --only NAME)\n", a);
            return 2;
        }
    }
    if (cli.empty()) {
        std::error_code ec;
        cli = (fs::read_symlink("/proc/self/exe", ec).parent_path() / "kafkalab-cli").string();
    }
    const std::vector<Case> cases = {
        {"zstd-headers", "00000000000000000000.log", "--print-data-log",
         [](const fs::path &f) { return dumpbombs::writeZstdHeaders(f, 64u << 20, 8 << 20); }},
        {"zstd-headers-one", "00000000000000000000.log", "--print-data-log",
         // One record of 32 million headers: above the 32 MiB a record may take, refused.
         [](const fs::path &f) { return dumpbombs::writeZstdHeaders(f, 64u << 20, 32 << 20); }},
        {"gzip-tiny", "00000000000000000000.log", "--print-data-log",
         [](const fs::path &f) { return dumpbombs::writeGzipTiny(f, 64u << 20); }},
        {"sparse-record-200M", "00000000000000000000.log", "--print-data-log",
         [](const fs::path &f) { return dumpbombs::writeSparseRecord(f, 200u << 20); }},
        {"sparse-record-30M", "00000000000000000000.log", "--print-data-log",
         [](const fs::path &f) { return dumpbombs::writeSparseRecord(f, 30u << 20); }},
        {"sparse-zeros-200M", "00000000000000000000.log", "--print-data-log",
         [](const fs::path &f) { return dumpbombs::writeSparseZeros(f, 200u << 20); }},
        {"dense-index-1G", "00000000000000000000.index", "",
         [](const fs::path &f) { return dumpbombs::writeDenseIndex(f, 1u << 30); }},
        {"sparse-index-1G", "00000000000000000000.index", "",
         [](const fs::path &f) { return dumpbombs::writeSparseIndex(f, 1u << 30); }},
    };
    fmt::print("cli: {}\n", cli);
    if (asLimit > 0)
        fmt::print("as_limit: {} MB\n", asLimit >> 20);
    int failures = 0;
    for (const Case &c : cases) {
        if (!only.empty() && only != c.name)
            continue;
        const fs::path caseDir = dir / c.name;
        fs::create_directories(caseDir);
        const fs::path file = caseDir / c.file;
        if (Status s = c.make(file); !s) {
            fmt::print(stderr, "dump-memory: {}: {}\n", c.name, s.message());
            return 1;
        }
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        std::vector<std::string> argv{"dump-log"};
        if (*c.flag)
            argv.emplace_back(c.flag);
        argv.push_back(file.string());
        const Child r = runChild(cli, argv, caseDir / "stderr.txt", asLimit);
        const std::string outcome = r.signal ? fmt::format("signal {}", r.signal) : fmt::format("exit {}", r.code);
        fmt::print("{}_file: {} bytes\n", c.name, size);
        fmt::print("{}_peak_rss: {:.1f} MB ({}, {:.2f} s{}{})\n", c.name, r.maxRssKb / 1024.0, outcome, r.seconds,
                   r.errHead.empty() ? "" : "; stderr: ", r.errHead);
        if (r.signal || r.code > 1)
            ++failures;
        fs::remove_all(caseDir, ec);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return failures ? 1 : 0;
}

} // namespace kl::bench
