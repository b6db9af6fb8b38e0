// `kafkalab-cli dump-log` on files that claim far more than they hold (dump_bombs.h), run as a
// child under an address-space limit (RLIMIT_AS, like `prlimit --as`): a decoder that holds
// what a batch claims (a Record per 7-byte record, a RecordHeader per 2 zero bytes, a whole
// index) fails there with std::bad_alloc; a streaming one finishes. The sizes are the issue's
// reproducers scaled so the old decoder needs 2-8x the limit; kafkalab-bench dump-memory runs
// the full ones and prints peak RSS.
#include "dump_bombs.h"
#include "file_helpers.h"

#include <QTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace kl;
namespace fs = std::filesystem;

namespace {

using testfiles::readText;

constexpr rlim_t kAddressLimit = 300u << 20; // far above what the streaming dump needs (~100 MB)

struct Run {
    bool exited = false;
    int code = -1;
    int signal = 0;
    std::string out, err;
    long maxRssKb = 0;
};

// Runs the CLI with `args` under kAddressLimit; stdout to `outFile` (/dev/null when empty).
Run runCli(const std::vector<std::string> &args, const fs::path &dir, bool keepStdout)
{
    const char *cli = std::getenv("KAFKALAB_CLI");
    Run run;
    if (!cli)
        return run;
    const fs::path outFile = keepStdout ? dir / "stdout.txt" : fs::path("/dev/null");
    const fs::path errFile = dir / "stderr.txt";
    std::vector<std::string> argv{cli};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = fork();
    if (pid == 0) {
        const rlimit limit{kAddressLimit, kAddressLimit};
        setrlimit(RLIMIT_AS, &limit);
        const int out = open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
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
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.exited = WIFEXITED(status);
    run.code = run.exited ? WEXITSTATUS(status) : -1;
    run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    run.maxRssKb = usage.ru_maxrss;
    if (keepStdout)
        run.out = readText(outFile);
    run.err = readText(errFile);
    return run;
}

QByteArray describe(const Run &r)
{
    return QByteArray::fromStdString("exit " + std::to_string(r.code) + ", signal " + std::to_string(r.signal) +
                                     ", max RSS " + std::to_string(r.maxRssKb / 1024) + " MB, stderr: " +
                                     r.err.substr(0, 400));
}

} // namespace

class TestDumpMemory : public QObject {
    Q_OBJECT

    fs::path m_dir;

    fs::path path(const std::string &name) const { return m_dir / name; }

private slots:
    void initTestCase()
    {
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer reserves terabytes of address space for its shadow memory, so no
        // program built with it starts under a 300 MB RLIMIT_AS; the release build runs this.
        QSKIP("an address-space limit cannot apply to an AddressSanitizer build");
#endif
        QVERIFY2(std::getenv("KAFKALAB_CLI"), "KAFKALAB_CLI must name kafkalab-cli");
        m_dir = fs::temp_directory_path() / ("kafkalab-dump-memory-" + std::to_string(getpid()));
        fs::create_directories(m_dir);
    }
    void cleanupTestCase()
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    // A 2 KB zstd batch: 64 MiB of records with 8 million empty headers each (the old decoder:
    // 72 bytes per header, 2.4 GB). The dump prints each record's 8 million header keys.
    void zstdHeaderBomb()
    {
        const fs::path log = path("zstd/00000000000000000000.log");
        fs::create_directories(log.parent_path());
        QVERIFY(dumpbombs::writeZstdHeaders(log, 64u << 20, 8 << 20));
        QVERIFY(fs::file_size(log) < 8192);
        const Run r = runCli({"dump-log", "--print-data-log", log.string()}, m_dir, false);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.err.empty(), r.err.c_str());
    }

    // A gzip batch of 3.6 million 7-byte records, all at offset 0 (old: a Record each, 430 MB).
    // Kafka lists every non-consecutive pair; the dump keeps the newest 100,000 and says so.
    void gzipTinyRecords()
    {
        const fs::path log = path("gzip/00000000000000000000.log");
        fs::create_directories(log.parent_path());
        QVERIFY(dumpbombs::writeGzipTiny(log, 24u << 20));
        const Run r = runCli({"dump-log", "--deep-iteration", log.string()}, m_dir, false);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.err.rfind("Non-consecutive offsets in ", 0) == 0, r.err.substr(0, 200).c_str());
        QVERIFY2(r.err.find("  0 is followed by 0\n") != std::string::npos, r.err.substr(0, 200).c_str());
        QVERIFY2(r.err.find("older pairs not listed (Kafka Lab keeps 100000 of them)") != std::string::npos,
                 r.err.substr(r.err.size() > 300 ? r.err.size() - 300 : 0).c_str());
    }

    // An uncompressed 24 MiB batch in a hole: one record of 12 million empty headers (old: the
    // batch read whole plus 864 MB of headers).
    void sparseRecordDecoded()
    {
        const fs::path log = path("sparse24/00000000000000000000.log");
        fs::create_directories(log.parent_path());
        QVERIFY(dumpbombs::writeSparseRecord(log, 24u << 20));
        const Run r = runCli({"dump-log", "--print-data-log", log.string()}, m_dir, false);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.err.empty(), r.err.c_str());
    }

    // 200 MB, a hole: one record larger than the 32 MiB a record may take is refused, with where
    // and why; the batch line before it is printed as Kafka prints it.
    void sparseRecordTooLarge()
    {
        const fs::path log = path("sparse200/00000000000000000000.log");
        fs::create_directories(log.parent_path());
        QVERIFY(dumpbombs::writeSparseRecord(log, 200u << 20));
        const Run r = runCli({"dump-log", "--print-data-log", log.string()}, m_dir, true);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.out.find("baseOffset: 0 lastOffset: 0 count: 1 ") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("isvalid: true\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("| cannot decode the records of the batch at position 0: batch at position 0: at byte 61: "
                            "record 0: length ") != std::string::npos,
                 r.out.c_str());
        QVERIFY2(r.out.find("is more than the 32 MiB a record may take here") != std::string::npos, r.out.c_str());
    }

    // `truncate -s 200M`: no batch at all, said at once.
    void sparseZeros()
    {
        const fs::path log = path("zeros/00000000000000000000.log");
        fs::create_directories(log.parent_path());
        QVERIFY(dumpbombs::writeSparseZeros(log, 200u << 20));
        const Run r = runCli({"dump-log", "--print-data-log", log.string()}, m_dir, true);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.out.find("Found 209715200 invalid bytes at the end of 00000000000000000000.log") != std::string::npos,
                 r.out.c_str());
        QVERIFY2(r.err.find("corrupt batch at position 0: batchLength 0") != std::string::npos, r.err.c_str());
    }

    // A 320 MB .index of used entries (old: held whole, with the .log check list), and a
    // sparse 1 GB one (its zero tail ends the entries at once).
    void indexes()
    {
        const fs::path dense = path("dense/00000000000000000000.index");
        fs::create_directories(dense.parent_path());
        QVERIFY(dumpbombs::writeDenseIndex(dense, 320u << 20));
        Run r = runCli({"dump-log", dense.string()}, m_dir, false);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.err.find("the entries were not checked against the log") != std::string::npos, r.err.c_str());
        fs::remove(dense);

        const fs::path sparse = path("sparseindex/00000000000000000000.index");
        fs::create_directories(sparse.parent_path());
        QVERIFY(dumpbombs::writeSparseIndex(sparse, 1u << 30));
        r = runCli({"dump-log", sparse.string()}, m_dir, true);
        QVERIFY2(r.exited && r.code == 0, describe(r).constData());
        QVERIFY2(r.out.find("offset: 1 position: 0\n") != std::string::npos, r.out.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDumpMemory)
#include "test_dump_memory.moc"
