// FdCache: see fd_cache.h.
#include "log/fd_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace kl {

namespace {

constexpr size_t kMinCapacity = 8;
constexpr size_t kMaxCapacity = 4096;

uint64_t currentSoftLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 1 << 20;
    return static_cast<uint64_t>(limit.rlim_cur);
}

int openOnce(const std::filesystem::path &path, int flags)
{
    int fd;
    do {
        fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

} // namespace

FdLease::FdLease(FdLease &&other) noexcept : m_cache(other.m_cache), m_file(other.m_file), m_fd(other.m_fd)
{
    other.m_cache = nullptr;
    other.m_file = nullptr;
    other.m_fd = -1;
}

FdLease::~FdLease()
{
    if (m_cache && m_file)
        m_cache->release(*m_file);
}

CachedFile::CachedFile(std::filesystem::path path, int flags, FdCache *cache)
    : m_path(std::move(path)), m_flags(flags), m_cache(cache ? cache : &FdCache::global())
{
}

CachedFile::~CachedFile()
{
    m_cache->forget(*this);
}

Result<FdLease> CachedFile::lease(int extraFlags)
{
    return m_cache->acquire(*this, extraFlags);
}

void CachedFile::close()
{
    m_cache->close(*this);
}

bool CachedFile::isOpen() const
{
    std::lock_guard lock(m_cache->m_mutex);
    return m_fd >= 0;
}

FdCache::FdCache(size_t capacity) : m_capacity(std::max<size_t>(capacity, 1)) {}

FdCache::~FdCache()
{
    std::lock_guard lock(m_mutex);
    for (CachedFile *file : m_lru) {
        ::close(file->m_fd);
        file->m_fd = -1;
    }
    m_lru.clear();
}

FdCache &FdCache::global()
{
    // Never destroyed: segments in static objects may outlive any ordering we could pick.
    static FdCache *cache = new FdCache(capacityForLimit(currentSoftLimit()));
    return *cache;
}

size_t FdCache::capacityForLimit(uint64_t softLimit)
{
    return static_cast<size_t>(std::clamp<uint64_t>(softLimit / 2, kMinCapacity, kMaxCapacity));
}

void FdCache::setCapacity(size_t capacity)
{
    std::lock_guard lock(m_mutex);
    m_capacity = std::max<size_t>(capacity, 1);
    evictDownTo(m_capacity);
}

void FdCache::fitToLimit()
{
    setCapacity(capacityForLimit(currentSoftLimit()));
}

size_t FdCache::shed()
{
    std::lock_guard lock(m_mutex);
    return evictDownTo(0);
}

FdCache::Stats FdCache::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats stats = m_stats;
    stats.capacity = m_capacity;
    return stats;
}

size_t FdCache::evictDownTo(size_t keep)
{
    size_t closed = 0;
    auto it = m_lru.end();
    while (m_lru.size() > keep && it != m_lru.begin()) {
        --it;
        CachedFile *file = *it;
        if (file->m_pins > 0)
            continue; // in use (maybe on another thread): never closed under it
        it = m_lru.erase(it);
        ::close(file->m_fd);
        file->m_fd = -1;
        ++closed;
    }
    m_stats.open = m_lru.size();
    m_stats.evictions += closed;
    return closed;
}

void FdCache::closeLocked(CachedFile &file)
{
    if (file.m_fd < 0 || file.m_pins > 0)
        return;
    m_lru.erase(file.m_lru);
    ::close(file.m_fd);
    file.m_fd = -1;
    m_stats.open = m_lru.size();
}

Result<FdLease> FdCache::acquire(CachedFile &file, int extraFlags)
{
    std::lock_guard lock(m_mutex);
    if (file.m_fd >= 0) {
        m_lru.splice(m_lru.begin(), m_lru, file.m_lru);
        ++file.m_pins;
        return FdLease(this, &file, file.m_fd);
    }
    evictDownTo(m_capacity - 1);
    int fd = openOnce(file.m_path, file.m_flags | extraFlags);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE) && evictDownTo(0) > 0)
        fd = openOnce(file.m_path, file.m_flags | extraFlags); // made room: once more
    if (fd < 0) {
        const int err = errno;
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot open {}: {}", file.m_path.string(), describeOpenError(err)));
    }
    ++m_stats.opens;
    file.m_fd = fd;
    m_lru.push_front(&file);
    file.m_lru = m_lru.begin();
    ++file.m_pins;
    m_stats.open = m_lru.size();
    m_stats.peakOpen = std::max(m_stats.peakOpen, m_stats.open);
    return FdLease(this, &file, fd);
}

void FdCache::release(CachedFile &file)
{
    std::lock_guard lock(m_mutex);
    if (file.m_pins > 0)
        --file.m_pins;
    // Opened past capacity while everything was pinned: give it back now.
    if (m_lru.size() > m_capacity)
        evictDownTo(m_capacity);
}

void FdCache::close(CachedFile &file)
{
    std::lock_guard lock(m_mutex);
    closeLocked(file);
}

void FdCache::forget(CachedFile &file)
{
    std::lock_guard lock(m_mutex);
    file.m_pins = 0; // a lease cannot outlive its file
    closeLocked(file);
}

uint64_t raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)::setrlimit(RLIMIT_NOFILE, &limit); // may be refused (e.g. above nr_open): keep the old one
    }
    FdCache::global().fitToLimit();
    return currentSoftLimit();
}

std::string describeOpenError(int err)
{
    if (err == EMFILE) {
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        const auto text = [](rlim_t v) {
            return v == RLIM_INFINITY ? std::string("unlimited") : std::to_string(static_cast<uint64_t>(v));
        };
        const std::string raise =
            limit.rlim_cur < limit.rlim_max
                ? fmt::format("raise it with 'ulimit -n {}' before starting", text(limit.rlim_max))
                : std::string("raise the hard limit (as root 'ulimit -Hn N', LimitNOFILE= for a systemd "
                              "service, or /etc/security/limits.conf), then 'ulimit -n N'");
        return fmt::format("too many open files: the process reached its limit of {} open files "
                           "(RLIMIT_NOFILE, hard limit {}; Kafka Lab keeps at most {} segment files "
                           "open, the rest are directories, checkpoints and other files): {}, or use "
                           "fewer partitions",
                           text(limit.rlim_cur), text(limit.rlim_max),
                           FdCache::global().capacity(),
                           raise);
    }
    if (err == ENFILE)
        return "too many open files in the system (ENFILE): the kernel's table of open files is full "
               "(fs.file-max, see /proc/sys/fs/file-nr); close other programs or raise fs.file-max "
               "with sysctl";
    return std::strerror(err);
}

} // namespace kl
