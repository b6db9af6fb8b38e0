// FdCache: a bounded set of open file descriptors for segment files, as LevelDB's table cache
// or RocksDB's max_open_files. Every segment's .log, .index and .timeindex is a CachedFile (a
// path and open flags); its descriptor lives in the cache's LRU list only while it is used or
// recently used. Acquiring a file opens it if needed, first closing the least recently used
// descriptor when the cache is at capacity, so 30,000 replicas cost at most `capacity` fds,
// never one per file. An evicted file reopens transparently on its next use (a .log keeps its
// position-free pwrite/pread access, so nothing is lost by closing it).
//
// The capacity follows the process's soft RLIMIT_NOFILE (half of it, at most 4,096), leaving the
// other half for sockets, directory listings, checkpoint writes and the GUI. When the kernel
// still says EMFILE the cache sheds its idle descriptors and retries once; only then does the
// open fail, with a message naming the limit and what to do (fileio::storageError).
//
// Threads: one process-wide cache (the fd limit is per process) behind a mutex, since the GUI
// can run two engines (live cluster and a scenario) on two threads. An FdLease pins its
// descriptor: a pinned one is never closed by another thread's eviction. Leases are short
// (one read, one write, one scan); CachedFile itself belongs to one engine thread.
#pragma once

#include "core/status.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>

namespace kl {

class FdCache;
class CachedFile;

// A pinned, open descriptor of a CachedFile; unpinned when destroyed. Move-only.
class FdLease {
public:
    FdLease(FdLease &&other) noexcept;
    FdLease &operator=(FdLease &&other) = delete;
    FdLease(const FdLease &) = delete;
    FdLease &operator=(const FdLease &) = delete;
    ~FdLease();

    int get() const { return m_fd; }

private:
    friend class FdCache;
    FdLease(FdCache *cache, CachedFile *file, int fd) : m_cache(cache), m_file(file), m_fd(fd) {}
    FdCache *m_cache;
    CachedFile *m_file;
    int m_fd;
};

// One file that may be open in the cache. Not copyable; closes its descriptor when destroyed.
class CachedFile {
public:
    // `flags` for open(2) every time the file is (re)opened (O_CLOEXEC is added).
    CachedFile(std::filesystem::path path, int flags, FdCache *cache = nullptr);
    ~CachedFile();
    CachedFile(const CachedFile &) = delete;
    CachedFile &operator=(const CachedFile &) = delete;

    const std::filesystem::path &path() const { return m_path; }
    // The open descriptor, opening the file if needed; `extraFlags` (O_CREAT, O_TRUNC) apply
    // only if this call opens it.
    Result<FdLease> lease(int extraFlags = 0);
    // Closes the descriptor now if it is open and not leased (a file about to be deleted, a
    // segment that is no longer read).
    void close();
    bool isOpen() const;

private:
    friend class FdCache;
    friend class FdLease;
    std::filesystem::path m_path;
    int m_flags;
    FdCache *m_cache;
    int m_fd = -1;                              // guarded by the cache's mutex
    int m_pins = 0;                             // leases alive
    std::list<CachedFile *>::iterator m_lru;    // valid while m_fd >= 0
};

class FdCache {
public:
    explicit FdCache(size_t capacity);
    ~FdCache();
    FdCache(const FdCache &) = delete;
    FdCache &operator=(const FdCache &) = delete;

    // The process-wide cache every segment file uses unless given another.
    static FdCache &global();
    // Capacity for a soft RLIMIT_NOFILE of `softLimit`: half of it, between 8 and 4,096.
    static size_t capacityForLimit(uint64_t softLimit);

    // Closes least recently used idle descriptors until at most `capacity` are open.
    void setCapacity(size_t capacity);
    // setCapacity(capacityForLimit(current soft RLIMIT_NOFILE)).
    void fitToLimit();
    // Closes every idle descriptor; returns how many were closed (EMFILE elsewhere: make room).
    size_t shed();

    size_t capacity() const { return m_capacity; }

    struct Stats {
        size_t capacity = 0;
        size_t open = 0;        // descriptors open now
        size_t peakOpen = 0;    // most open at once
        uint64_t opens = 0;     // open(2) calls made
        uint64_t evictions = 0; // descriptors closed to stay within capacity
    };
    Stats stats() const;

private:
    friend class CachedFile;
    friend class FdLease;
    Result<FdLease> acquire(CachedFile &file, int extraFlags);
    void release(CachedFile &file);
    void close(CachedFile &file);
    void forget(CachedFile &file);
    // Closes idle descriptors from the LRU end while more than `keep` are open. Lock held.
    size_t evictDownTo(size_t keep);
    void closeLocked(CachedFile &file);

    std::atomic<size_t> m_capacity;
    mutable std::mutex m_mutex;
    std::list<CachedFile *> m_lru; // front: most recently used
    Stats m_stats;
};

// Raises the soft RLIMIT_NOFILE to the hard limit (the start-up of kafkalab-broker, the GUI and
// every EngineCore) and fits the global cache to it. Returns the soft limit now in force.
uint64_t raiseOpenFileLimit();

// For an open(2)/opendir failure with errno `err`: EMFILE and ENFILE get a sentence naming the
// limit (RLIMIT_NOFILE's soft and hard values, or fs.file-max) and what to do; other errors
// strerror(err).
std::string describeOpenError(int err);

} // namespace kl
