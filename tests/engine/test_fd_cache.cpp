// The bounded descriptor cache for segment files (log/fd_cache.h): many logs appended and read
// never hold more than the cache's capacity of descriptors (counted in /proc/self/fd), an
// evicted segment reopens transparently for appends and reads, the cache gives back its
// descriptors when the process reaches its limit, and a limit that is still reached is named
// with what to do. Raising the soft RLIMIT_NOFILE to the hard one. Linux (/proc) only.
#include "log/fd_cache.h"
#include "log/log.h"

#include "log_storage_fixtures.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <string>
#include <vector>

using namespace kl;
using namespace kl::testing;
namespace fs = std::filesystem;

namespace {

// Open descriptors of this process, and how many of them are files under `dir`.
struct FdCount {
    size_t all = 0;
    size_t under = 0;
};

FdCount countFds(const fs::path &dir = {})
{
    FdCount count;
    std::error_code ec;
    const std::string prefix = dir.string();
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
        ++count.all;
        std::error_code lec;
        const fs::path target = fs::read_symlink(it->path(), lec);
        if (!prefix.empty() && !lec && target.string().rfind(prefix, 0) == 0)
            ++count.under;
    }
    return count;
}

bool isOpen(const fs::path &file)
{
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code lec;
        if (fs::read_symlink(it->path(), lec) == file)
            return true;
    }
    return false;
}

LogConfig smallSegments()
{
    LogConfig config;
    config.segmentBytes = 4096;       // a few batches per segment: many segments per log
    config.indexIntervalBytes = 256;  // index entries on most appends
    return config;
}

std::unique_ptr<Log> openLog(const fs::path &dir, const Clock &clock, const LogConfig &config = smallSegments())
{
    auto log = Log::open(dir, config, clock);
    if (!log)
        qFatal("open %s: %s", dir.c_str(), log.status().toString().c_str());
    return std::move(*log);
}

int64_t countRecords(const Log &log)
{
    int64_t records = 0;
    const Status s = log.forEachRecord(log.logStartOffset(), log.logEndOffset(), [&](const Record &) { ++records; });
    if (!s)
        qFatal("read %s: %s", log.dir().c_str(), s.toString().c_str());
    return records;
}

// Lowers the soft RLIMIT_NOFILE for one test and restores it.
class SoftLimit {
public:
    explicit SoftLimit(rlim_t soft)
    {
        ::getrlimit(RLIMIT_NOFILE, &m_saved);
        rlimit lowered = m_saved;
        lowered.rlim_cur = soft;
        m_ok = ::setrlimit(RLIMIT_NOFILE, &lowered) == 0;
    }
    ~SoftLimit() { ::setrlimit(RLIMIT_NOFILE, &m_saved); }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    bool m_ok = false;
};

// Fills the descriptor table with /dev/null until open(2) says EMFILE; closes them at the end.
class FdFiller {
public:
    FdFiller()
    {
        for (;;) {
            const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                break;
            m_fds.push_back(fd);
        }
    }
    ~FdFiller()
    {
        for (int fd : m_fds)
            ::close(fd);
    }
    size_t size() const { return m_fds.size(); }

private:
    std::vector<int> m_fds;
};

} // namespace

class TestFdCache : public QObject {
    Q_OBJECT

private slots:
    void cleanup()
    {
        FdCache::global().fitToLimit();
    }

    void capacityFollowsTheLimit()
    {
        QCOMPARE(FdCache::capacityForLimit(256), size_t(128));
        QCOMPARE(FdCache::capacityForLimit(1024), size_t(512));
        QCOMPARE(FdCache::capacityForLimit(20000), size_t(4096)); // a few thousand at most
        QCOMPARE(FdCache::capacityForLimit(4), size_t(8));        // never below a working minimum
    }

    // 40 logs of many 4 KiB segments, appended and read round-robin with a cache of 16: the
    // process never has more than 16 segment files open, and every record comes back.
    void manySegmentsStayWithinCapacity()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        constexpr size_t kCapacity = 16;
        FdCache::global().setCapacity(kCapacity);
        const FdCache::Stats before = FdCache::global().stats();
        ManualClock clock(kT0);

        std::vector<std::unique_ptr<Log>> logs;
        for (int i = 0; i < 40; ++i)
            logs.push_back(openLog(root / ("t-" + std::to_string(i)), clock));
        QVERIFY(countFds(root).under <= kCapacity);

        const Bytes batch = makeBatch(5, kT0); // ~600 bytes: a roll every ~6 appends
        size_t maxUnder = 0;
        for (int round = 0; round < 30; ++round) {
            for (auto &log : logs) {
                auto appended = log->appendAsLeader(ByteView(batch), 0);
                QVERIFY2(appended, appended.status().toString().c_str());
                auto read = log->read(log->logStartOffset() + (round * 5) / 2, 1 << 16);
                QVERIFY2(read, read.status().toString().c_str());
                QVERIFY(!read->data.empty());
            }
            const FdCount now = countFds(root);
            maxUnder = std::max(maxUnder, now.under);
            QVERIFY2(now.under <= kCapacity, qPrintable(QString("%1 segment files open").arg(now.under)));
        }
        for (auto &log : logs) {
            QVERIFY(log->segments().size() > 3);
            QCOMPARE(countRecords(*log), int64_t(30 * 5));
        }
        const FdCache::Stats after = FdCache::global().stats();
        QVERIFY(after.open <= kCapacity);
        QVERIFY(after.peakOpen <= kCapacity);
        QVERIFY(after.evictions > before.evictions); // the cache really was too small for all
        QVERIFY(maxUnder > 0);
        for (auto &log : logs)
            log->close();
        logs.clear();
        QCOMPARE(countFds(root).under, size_t(0));
    }

    // A log whose .log and index files were evicted by other logs' use reopens them: appends
    // land after the existing batches (offsets go on), index entries are still written, and
    // a reopen of the directory reads the same records.
    void evictedSegmentReopensForAppendsAndReads()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        FdCache::global().setCapacity(8);
        ManualClock clock(kT0);
        LogConfig config;
        config.indexIntervalBytes = 256;
        auto first = openLog(root / "first-0", clock, config);
        const Bytes batch = makeBatch(5, kT0);
        for (int i = 0; i < 3; ++i)
            QVERIFY(first->appendAsLeader(ByteView(batch), 0));
        const fs::path activeLog = first->segments().back().logPath;
        QVERIFY(isOpen(activeLog));

        std::vector<std::unique_ptr<Log>> others;
        for (int i = 0; i < 12; ++i) {
            others.push_back(openLog(root / ("other-" + std::to_string(i)), clock, config));
            QVERIFY(others.back()->appendAsLeader(ByteView(batch), 0));
        }
        QVERIFY2(!isOpen(activeLog), "the first log's active segment should have been evicted");

        auto appended = first->appendAsLeader(ByteView(batch), 0);
        QVERIFY2(appended, appended.status().toString().c_str());
        QCOMPARE(appended->firstOffset, int64_t(15));
        QVERIFY(isOpen(activeLog));
        for (int i = 0; i < 12; ++i) // evict it again, then read
            QVERIFY(others[static_cast<size_t>(i)]->appendAsLeader(ByteView(batch), 0));
        QVERIFY(!isOpen(activeLog));
        QCOMPARE(countRecords(*first), int64_t(20));
        const auto info = first->segments().back();
        QVERIFY(info.indexEntries >= 3); // entries written after the reopen too

        first->close();
        first.reset();
        auto reopened = openLog(root / "first-0", clock, config);
        QCOMPARE(reopened->logEndOffset(), int64_t(20));
        QCOMPARE(countRecords(*reopened), int64_t(20));
        QCOMPARE(reopened->segments().back().indexEntries, info.indexEntries);
    }

    // At the process's fd limit, opening a log makes room by closing the cache's idle
    // descriptors (other logs' files), instead of failing.
    void atTheLimitTheCacheGivesBackItsDescriptors()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        FdCache::global().setCapacity(64);
        ManualClock clock(kT0);
        std::vector<std::unique_ptr<Log>> logs;
        for (int i = 0; i < 10; ++i)
            logs.push_back(openLog(root / ("held-" + std::to_string(i)), clock));
        QVERIFY(FdCache::global().stats().open >= 10);

        SoftLimit limit(countFds().all + 40);
        QVERIFY(limit.ok());
        FdFiller filler; // everything else taken by "other" files
        QVERIFY(filler.size() > 0);
        auto log = Log::open(root / "new-0", smallSegments(), clock);
        QVERIFY2(log, log.status().toString().c_str());
        const Bytes batch = makeBatch(5, kT0);
        QVERIFY((*log)->appendAsLeader(ByteView(batch), 0));
    }

    // Still at the limit with nothing left to give back: the error names the limit and the fix.
    void aLimitStillReachedIsNamed()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        ManualClock clock(kT0);
        FdCache::global().shed();
        SoftLimit limit(countFds().all + 16);
        QVERIFY(limit.ok());
        FdFiller filler;
        auto log = Log::open(root / "t-0", smallSegments(), clock);
        QVERIFY(!log);
        const std::string message = log.status().toString();
        QVERIFY2(message.find("too many open files") != std::string::npos, message.c_str());
        QVERIFY2(message.find("RLIMIT_NOFILE") != std::string::npos, message.c_str());
        QVERIFY2(message.find("ulimit -n") != std::string::npos, message.c_str());
        rlimit now{};
        ::getrlimit(RLIMIT_NOFILE, &now);
        QVERIFY2(message.find("limit of " + std::to_string(now.rlim_cur) + " open files") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find(root.string()) != std::string::npos, message.c_str()); // which file or dir
    }

    // Two engines on two threads (the GUI's live cluster and a scenario) share the cache: one
    // thread's evictions never close a descriptor the other is reading or writing through.
    void twoThreadsShareTheCache()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        FdCache::global().setCapacity(4);
        ManualClock clock(kT0);
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<Log>> logs[2];
        for (int t = 0; t < 2; ++t)
            for (int i = 0; i < 5; ++i)
                logs[t].push_back(openLog(root / fmt::format("t{}-{}", t, i), clock));
        auto work = [&](int t) {
            const Bytes batch = makeBatch(5, kT0);
            for (int round = 0; round < 150; ++round) {
                for (auto &log : logs[t]) {
                    if (!log->appendAsLeader(ByteView(batch), 0))
                        ++failures;
                    auto read = log->read(log->logStartOffset(), 1 << 16);
                    if (!read || read->data.empty())
                        ++failures;
                }
            }
        };
        std::thread other(work, 1);
        work(0);
        other.join();
        QCOMPARE(failures.load(), 0);
        for (auto &side : logs)
            for (auto &log : side)
                QCOMPARE(countRecords(*log), int64_t(150 * 5));
        QVERIFY(FdCache::global().stats().open <= 4);
    }

    void raisesTheSoftLimitToTheHardLimit()
    {
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
        if (saved.rlim_max < 64)
            QSKIP("hard limit too low to lower the soft one");
        {
            SoftLimit limit(saved.rlim_max / 2);
            QVERIFY(limit.ok());
            const uint64_t now = raiseOpenFileLimit();
            rlimit raised{};
            ::getrlimit(RLIMIT_NOFILE, &raised);
            QCOMPARE(raised.rlim_cur, saved.rlim_max);
            QCOMPARE(now, static_cast<uint64_t>(saved.rlim_max));
            QCOMPARE(FdCache::global().capacity(), FdCache::capacityForLimit(saved.rlim_max));
        }
    }
};

QTEST_APPLESS_MAIN(TestFdCache)
#include "test_fd_cache.moc"
