#include "models/segment_models.h"

#include "log/log.h"
#include "models/record_bytes.h"
#include "partitioners/partitioner.h"
#include "views/key_colors.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace segmentfmt {

QString bytesForDisplay(const std::optional<std::string> &bytes, int maxChars)
{
    return recordbytes::displayOrNull(bytes, maxChars);
}

QString timestamp(int64_t ms)
{
    if (ms < 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace segmentfmt

namespace {

QString sizeText(int64_t bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

// ---------------------------------------------------------------- SegmentTableModel

void SegmentTableModel::setSegments(std::vector<kl::SegmentSnapshot> segments)
{
    auto sameBase = [](const kl::SegmentSnapshot &a, const kl::SegmentSnapshot &b) {
        return a.baseOffset == b.baseOffset && a.logPath == b.logPath;
    };
    // Retention deletes segments at the front and rolls add them at the back: find how many old
    // leading rows disappeared, check the rest still lines up, and update in place.
    size_t dropped = 0;
    if (!segments.empty()) {
        while (dropped < m_segments.size() && !sameBase(m_segments[dropped], segments.front()))
            ++dropped;
    } else {
        dropped = m_segments.size();
    }
    const size_t kept = m_segments.size() - dropped;
    bool aligned = kept <= segments.size();
    for (size_t i = 0; aligned && i < kept; ++i)
        aligned = sameBase(m_segments[dropped + i], segments[i]);
    if (!aligned) {
        beginResetModel();
        m_segments = std::move(segments);
        endResetModel();
        return;
    }
    if (dropped > 0) {
        beginRemoveRows({}, 0, static_cast<int>(dropped) - 1);
        m_segments.erase(m_segments.begin(), m_segments.begin() + static_cast<ptrdiff_t>(dropped));
        endRemoveRows();
    }
    for (size_t i = 0; i < kept; ++i) {
        const auto &o = m_segments[i];
        const auto &n = segments[i];
        const bool changed = o.nextOffset != n.nextOffset || o.sizeBytes != n.sizeBytes
            || o.recordCount != n.recordCount || o.active != n.active
            || o.indexEntries != n.indexEntries || o.timeIndexEntries != n.timeIndexEntries
            || o.maxTimestamp != n.maxTimestamp || o.firstTimestamp != n.firstTimestamp;
        if (changed) {
            m_segments[i] = n;
            const int row = static_cast<int>(i);
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (segments.size() > kept) {
        beginInsertRows({}, static_cast<int>(kept), static_cast<int>(segments.size()) - 1);
        m_segments.insert(m_segments.end(), segments.begin() + static_cast<ptrdiff_t>(kept),
                          segments.end());
        endInsertRows();
    }
}

const kl::SegmentSnapshot *SegmentTableModel::segmentAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_segments.size()))
        return nullptr;
    return &m_segments[static_cast<size_t>(row)];
}

int SegmentTableModel::rowOfBaseOffset(int64_t baseOffset) const
{
    for (size_t i = 0; i < m_segments.size(); ++i)
        if (m_segments[i].baseOffset == baseOffset)
            return static_cast<int>(i);
    return -1;
}

int SegmentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_segments.size());
}

int SegmentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentTableModel::data(const QModelIndex &index, int role) const
{
    const kl::SegmentSnapshot *s = segmentAt(index.row());
    if (!s)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File: return QString::fromStdString(kl::segmentFileStem(s->baseOffset)) + QStringLiteral(".log");
        case Size: return sizeText(s->sizeBytes);
        case Offsets:
            return s->recordCount == 0 ? tr("%1 (empty)").arg(s->baseOffset)
                                       : tr("%1 .. %2").arg(s->baseOffset).arg(s->nextOffset - 1);
        case Records: return QVariant::fromValue<qlonglong>(s->recordCount);
        case TimeRange:
            if (s->firstTimestamp < 0)
                return QStringLiteral("-");
            return tr("%1 → %2").arg(segmentfmt::timestamp(s->firstTimestamp),
                                     segmentfmt::timestamp(s->maxTimestamp));
        case IndexEntries: return s->indexEntries;
        case TimeIndexEntries: return s->timeIndexEntries;
        case Active: return s->active ? tr("active") : QString();
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case File: return QString::fromStdString(s->logPath);
        case Size: return tr("%1 bytes in the .log file").arg(s->sizeBytes);
        case Offsets:
            return tr("Base offset %1 (the file name) up to next offset %2: the offset the next "
                      "record after this segment gets.").arg(s->baseOffset).arg(s->nextOffset);
        case IndexEntries:
            return tr("Entries in the sparse .index file (one per index.interval.bytes of "
                      "batches): relative offset → byte position.");
        case TimeIndexEntries:
            return tr("Entries in the .timeindex file: largest timestamp so far → relative offset.");
        case Active:
            return s->active ? tr("The active segment: appends go here; it rolls at segment.bytes "
                                  "or segment.ms.")
                             : tr("A closed segment: read-only, deleted whole by retention.");
        default: break;
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != File && index.column() != TimeRange) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::FontRole && s->active) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case File: return tr("Segment file");
    case Size: return tr("Size");
    case Offsets: return tr("Offsets");
    case Records: return tr("Records");
    case TimeRange: return tr("Time range");
    case IndexEntries: return tr(".index");
    case TimeIndexEntries: return tr(".timeindex");
    case Active: return tr("State");
    }
    return {};
}

// ---------------------------------------------------------------- BatchTableModel

void BatchTableModel::setBatches(std::vector<kl::BatchSummary> batches)
{
    beginResetModel();
    m_batches = std::move(batches);
    endResetModel();
}

const kl::BatchSummary *BatchTableModel::batchAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_batches.size()))
        return nullptr;
    return &m_batches[static_cast<size_t>(row)];
}

int BatchTableModel::rowOfPosition(int64_t position) const
{
    for (size_t i = 0; i < m_batches.size(); ++i)
        if (m_batches[i].position == position)
            return static_cast<int>(i);
    return -1;
}

int BatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_batches.size());
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    const kl::BatchSummary *b = batchAt(index.row());
    if (!b)
        return {};
    const kl::BatchHeader &h = b->header;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case BaseOffset: return QVariant::fromValue<qlonglong>(h.baseOffset);
        case LastOffset: return QVariant::fromValue<qlonglong>(h.lastOffset());
        case Count: return h.recordCount;
        case Size: return QVariant::fromValue<qulonglong>(h.totalSize());
        case Position: return QVariant::fromValue<qlonglong>(b->position);
        case CompressionCol: return QString::fromUtf8(kl::compressionName(h.compression()).data());
        case Crc: return b->crcValid ? tr("valid") : tr("INVALID");
        case MaxTime: return segmentfmt::timestamp(h.maxTimestamp);
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Size: return tr("12 bytes of log overhead + batchLength %1").arg(h.batchLength);
        case Position: return tr("Byte position of the batch in the .log file");
        case Crc:
            return tr("CRC-32C 0x%1 over attributes..end of the batch")
                .arg(h.crc, 8, 16, QLatin1Char('0'));
        case MaxTime: return tr("maxTimestamp %1 ms; baseTimestamp %2 ms")
                .arg(h.maxTimestamp).arg(h.baseTimestamp);
        default:
            return tr("producerId %1, epoch %2, baseSequence %3, leader epoch %4")
                .arg(h.producerId).arg(h.producerEpoch).arg(h.baseSequence).arg(h.partitionLeaderEpoch);
        }
    } else if (role == Qt::ForegroundRole && index.column() == Crc && !b->crcValid) {
        return QColor(Qt::red);
    } else if (role == Qt::TextAlignmentRole && index.column() != CompressionCol
               && index.column() != Crc && index.column() != MaxTime) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case BaseOffset: return tr("Base offset");
    case LastOffset: return tr("Last offset");
    case Count: return tr("Records");
    case Size: return tr("Size");
    case Position: return tr("Position");
    case CompressionCol: return tr("Compression");
    case Crc: return tr("CRC");
    case MaxTime: return tr("Max timestamp");
    }
    return {};
}

// ---------------------------------------------------------------- RecordTableModel

void RecordTableModel::setRecords(std::vector<kl::Record> records)
{
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
}

const kl::Record *RecordTableModel::recordAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_records.size()))
        return nullptr;
    return &m_records[static_cast<size_t>(row)];
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    const kl::Record *r = recordAt(index.row());
    if (!r)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Offset: return QVariant::fromValue<qlonglong>(r->offset);
        case Timestamp: return segmentfmt::timestamp(r->timestamp);
        case Key: return segmentfmt::bytesForDisplay(r->key);
        case Value: return segmentfmt::bytesForDisplay(r->value);
        case Headers: {
            QStringList parts;
            for (const auto &h : r->headers)
                parts << QString::fromStdString(h.key) + QLatin1Char('=')
                        + segmentfmt::bytesForDisplay(h.value, 60);
            return parts.join(QStringLiteral(", "));
        }
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Timestamp: return tr("%1 ms since the epoch").arg(r->timestamp);
        case Key:
            return r->key ? tr("%1 bytes").arg(r->key->size()) : tr("Null key: no key, no colour");
        case Value:
            return r->value ? segmentfmt::bytesForDisplay(r->value, 2000)
                            : tr("Null value (a tombstone)");
        default: break;
        }
    } else if (role == Qt::BackgroundRole && index.column() == Key) {
        // Same colour as the key's cells in the topic view (murmur2 & 0x7fffffff).
        if (!r->key)
            return keycolors::nullKeyColor();
        return keycolors::keyColor(static_cast<uint32_t>(kl::toPositive(kl::murmur2(*r->key))));
    } else if (role == Qt::ForegroundRole && index.column() == Key) {
        const QColor fill = r->key
            ? keycolors::keyColor(static_cast<uint32_t>(kl::toPositive(kl::murmur2(*r->key))))
            : keycolors::nullKeyColor();
        return keycolors::textColorOn(fill);
    }
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Offset: return tr("Offset");
    case Timestamp: return tr("Timestamp");
    case Key: return tr("Key");
    case Value: return tr("Value");
    case Headers: return tr("Headers");
    }
    return {};
}
