// PartitionStripModel: one row per partition of the current topic, built from the latest
// ClusterSnapshot. Columns: partition, leader broker, log end offset, size, and the log strip
// (drawn by PartitionStripDelegate from StripRole). setSnapshot() compares each row with what
// it showed before and emits dataChanged only for rows that changed (a produce to one partition
// repaints one row), like qBittorrent's transfer list model.
// The model keeps the snapshot alive (shared_ptr), so the cell vectors it hands out stay valid.
// GUI thread only.
#pragma once

#include "api/snapshot.h"

#include <QAbstractTableModel>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <memory>

// Everything the strip delegate needs to draw one partition's log. Cheap to copy (the record
// cells are a shared immutable vector owned by the snapshot).
struct PartitionStrip {
    QString topic;
    int partition = -1;
    qint64 logStartOffset = 0;
    qint64 logEndOffset = 0;
    qint64 highWatermark = 0;
    QVector<qint64> segmentBases;   // base offset of each segment, oldest first
    std::shared_ptr<const std::vector<kl::RecordCell>> cells; // newest records, oldest first
};
Q_DECLARE_METATYPE(PartitionStrip)

class PartitionStripModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PartitionColumn, LeaderColumn, LeoColumn, SizeColumn, LogColumn, ColumnCount };
    enum Role {
        StripRole = Qt::UserRole + 1, // PartitionStrip
        PartitionIdRole,              // int
        LeaderRole,                   // int broker id (-1 = none)
        LogStartOffsetRole,           // qint64
        LogEndOffsetRole,             // qint64
        HighWatermarkRole,            // qint64
        SizeBytesRole,                // qint64
        SegmentCountRole,             // int
        CellCountRole,                // int: recent records known for drawing
    };

    explicit PartitionStripModel(QObject *parent = nullptr);

    // Which topic to show; rows are rebuilt from the current snapshot.
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }
    // Feed a new snapshot; emits the smallest set of row changes.
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Human-readable byte size ("1.2 MiB"), shared with other views.
    static QString formatBytes(qint64 bytes);

private:
    // True when a row showing `a` must be repainted to show `b`.
    static bool rowDiffers(const kl::PartitionSnapshot &a, const kl::PartitionSnapshot &b);
    const kl::TopicSnapshot *currentTopic() const;

    QString m_topic;
    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    // What each row shows (copied so a new snapshot can be compared with the old rows).
    std::vector<kl::PartitionSnapshot> m_rows;
};
