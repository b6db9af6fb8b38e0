// Table models for the segment browser ("Files" view): a partition's segment files, one
// segment's batches, one batch's decoded records. Each holds a plain copy of what it shows
// (snapshot values or what was read from the file); nothing points into engine state.
// SegmentTableModel updates in place when only sizes/counts changed or segments were rolled /
// deleted at the ends, so a selection survives a refresh. GUI thread only.
#pragma once

#include "api/snapshot.h"
#include "log/dump.h"
#include "log/record_batch.h"

#include <QAbstractTableModel>
#include <QString>

#include <optional>
#include <string>
#include <vector>

// Shared formatting helpers for byte strings and timestamps in the file views.
namespace segmentfmt {
// UTF-8 text when it is valid and printable, otherwise hex; "null" for nullopt. Truncated.
QString bytesForDisplay(const std::optional<std::string> &bytes, int maxChars = 200);
// "2026-11-24 05:37:45.123" (local time), or "-" for a negative timestamp.
QString timestamp(int64_t ms);
} // namespace segmentfmt

class SegmentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, Size, Offsets, Records, TimeRange, IndexEntries, TimeIndexEntries, Active,
                  ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSegments(std::vector<kl::SegmentSnapshot> segments);
    const kl::SegmentSnapshot *segmentAt(int row) const;
    int rowOfBaseOffset(int64_t baseOffset) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<kl::SegmentSnapshot> m_segments;
};

class BatchTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { BaseOffset, LastOffset, Count, Size, Position, CompressionCol, Crc, MaxTime,
                  ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setBatches(std::vector<kl::BatchSummary> batches);
    const kl::BatchSummary *batchAt(int row) const;
    int rowOfPosition(int64_t position) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<kl::BatchSummary> m_batches;
};

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Offset, Timestamp, Key, Value, Headers, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setRecords(std::vector<kl::Record> records);
    const kl::Record *recordAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<kl::Record> m_records;
};
