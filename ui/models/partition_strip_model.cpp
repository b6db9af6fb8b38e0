// PartitionStripModel: rows from the snapshot, minimal dataChanged ranges.
#include "models/partition_strip_model.h"

#include <QLocale>

PartitionStripModel::PartitionStripModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<PartitionStrip>();
}

const kl::TopicSnapshot *PartitionStripModel::currentTopic() const
{
    if (!m_snapshot || m_topic.isEmpty())
        return nullptr;
    return m_snapshot->topic(m_topic.toStdString());
}

void PartitionStripModel::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    beginResetModel();
    m_topic = topic;
    m_rows.clear();
    if (const kl::TopicSnapshot *t = currentTopic())
        m_rows = t->partitions;
    endResetModel();
}

bool PartitionStripModel::rowDiffers(const kl::PartitionSnapshot &a, const kl::PartitionSnapshot &b)
{
    if (a.id != b.id || a.leader != b.leader || a.replicas != b.replicas
        || a.logStartOffset != b.logStartOffset || a.logEndOffset != b.logEndOffset
        || a.highWatermark != b.highWatermark || a.sizeBytes != b.sizeBytes
        || a.segments.size() != b.segments.size() || a.recent != b.recent)
        return true;
    for (size_t i = 0; i < a.segments.size(); ++i) {
        if (a.segments[i].baseOffset != b.segments[i].baseOffset)
            return true;
    }
    return false;
}

void PartitionStripModel::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    const kl::TopicSnapshot *t = currentTopic();
    const std::vector<kl::PartitionSnapshot> empty;
    const std::vector<kl::PartitionSnapshot> &fresh = t ? t->partitions : empty;

    const int oldCount = static_cast<int>(m_rows.size());
    const int newCount = static_cast<int>(fresh.size());

    // Rows that exist before and after: repaint only the ones that changed, in runs.
    const int common = std::min(oldCount, newCount);
    int runStart = -1;
    for (int row = 0; row <= common; ++row) {
        const bool changed = row < common && rowDiffers(m_rows[size_t(row)], fresh[size_t(row)]);
        if (changed) {
            m_rows[size_t(row)] = fresh[size_t(row)];
            if (runStart < 0)
                runStart = row;
        } else if (runStart >= 0) {
            emit dataChanged(index(runStart, 0), index(row - 1, ColumnCount - 1));
            runStart = -1;
        }
    }

    // Partitions added (createPartitions) or gone (topic deleted/recreated smaller).
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_rows.insert(m_rows.end(), fresh.begin() + oldCount, fresh.end());
        endInsertRows();
    } else if (newCount < oldCount) {
        beginRemoveRows({}, newCount, oldCount - 1);
        m_rows.resize(size_t(newCount));
        endRemoveRows();
    }
}

int PartitionStripModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PartitionStripModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PartitionStripModel::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant PartitionStripModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const kl::PartitionSnapshot &p = m_rows[size_t(index.row())];

    switch (role) {
    case StripRole: {
        PartitionStrip s;
        s.topic = m_topic;
        s.partition = p.id;
        s.logStartOffset = p.logStartOffset;
        s.logEndOffset = p.logEndOffset;
        s.highWatermark = p.highWatermark;
        for (const auto &seg : p.segments)
            s.segmentBases.push_back(seg.baseOffset);
        s.cells = p.recent;
        return QVariant::fromValue(s);
    }
    case PartitionIdRole: return p.id;
    case LeaderRole: return p.leader;
    case LogStartOffsetRole: return qint64(p.logStartOffset);
    case LogEndOffsetRole: return qint64(p.logEndOffset);
    case HighWatermarkRole: return qint64(p.highWatermark);
    case SizeBytesRole: return qint64(p.sizeBytes);
    case SegmentCountRole: return static_cast<int>(p.segments.size());
    case CellCountRole: return p.recent ? static_cast<int>(p.recent->size()) : 0;
    default: break;
    }

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case PartitionColumn: return QStringLiteral("%1-%2").arg(m_topic).arg(p.id);
        case LeaderColumn:
            return p.leader >= 0 ? tr("broker-%1").arg(p.leader) : tr("none");
        case LeoColumn: return QLocale().toString(qint64(p.logEndOffset));
        case SizeColumn: return formatBytes(p.sizeBytes);
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == LeoColumn || index.column() == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case PartitionColumn:
            return tr("Partition %1 of topic %2: an ordered, append-only log.\nDirectory: %3")
                .arg(p.id).arg(m_topic, QString::fromStdString(p.dir));
        case LeaderColumn: {
            QStringList replicas;
            for (int32_t r : p.replicas)
                replicas << QString::number(r);
            return tr("Leader: the broker that accepts writes for this partition.\n"
                      "Replicas (assignment order): %1").arg(replicas.join(QStringLiteral(", ")));
        }
        case LeoColumn:
            return tr("Log end offset (LEO) %1: the offset the next record will get.\n"
                      "Log start offset %2, high watermark %3.")
                .arg(p.logEndOffset).arg(p.logStartOffset).arg(p.highWatermark);
        case SizeColumn:
            return tr("%n segment file(s), %1 bytes on disk", nullptr,
                      static_cast<int>(p.segments.size())).arg(p.sizeBytes);
        default: return {};
        }
    }
    return {};
}

QVariant PartitionStripModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PartitionColumn: return tr("Partition");
        case LeaderColumn: return tr("Leader");
        case LeoColumn: return tr("LEO");
        case SizeColumn: return tr("Size");
        case LogColumn: return tr("Log (oldest → newest)");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PartitionColumn: return tr("Topic-partition name");
        case LeaderColumn: return tr("Broker that leads the partition (receives produce requests)");
        case LeoColumn: return tr("Log end offset: the offset the next appended record will get");
        case SizeColumn: return tr("Bytes of all segment files of the leader's replica");
        case LogColumn:
            return tr("Each cell is one record at its offset, coloured by key "
                      "(one colour per key everywhere). Newest on the right.");
        default: return {};
        }
    }
    return {};
}
