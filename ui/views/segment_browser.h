// SegmentBrowser: the "Files" view of one partition replica. Shows the replica directory and
// its segment files (from the snapshot's SegmentSnapshot list); selecting a segment lists its
// batches (kl::scanSegment) and its .index entries (kl::readOffsetIndex); selecting a batch
// decodes its records (kl::readBatchRecordPage, also compressed batches).
// Files are read on a pool thread (Bridge::readFiles), never on the GUI thread, and capped:
// at most kMaxBatchesShown batches, kMaxIndexEntriesShown index entries, and a page of
// kMaxRecordsShown records (decoded as they stream, not the whole batch: a 2 KB zstd batch can
// hold 64 MiB of records) are listed, with a note saying so. "Reading…" shows meanwhile.
// Owns its child widgets and models; the Bridge outlives it. GUI thread only.
#pragma once

#include "log/dump.h"
#include "log/log.h"

#include <QElapsedTimer>
#include <QString>
#include <QWidget>

class Bridge;
class QComboBox;
class QLabel;
class QTableView;
class QTableWidget;
class SegmentTableModel;
class BatchTableModel;
class RecordTableModel;

class SegmentBrowser : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxBatchesShown = 5000;
    static constexpr int kMaxRecordsShown = 1000;
    static constexpr int kMaxIndexEntriesShown = 5000;
    static constexpr int kMaxHeadersShown = 100; // per record

    explicit SegmentBrowser(Bridge &bridge, QWidget *parent = nullptr);

public slots:
    void showPartition(const QString &topic, int partition);

private slots:
    void onSnapshotUpdated();
    void onTopicChosen(int index);
    void onPartitionChosen(int index);
    void onSegmentSelected();
    void onBatchSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void syncTopics();
    void syncPartitions();
    void refreshSegments();
    void loadSegment(const QString &logPath);
    struct SegmentRead {
        kl::Result<kl::SegmentScan> scan;
        kl::Result<std::vector<kl::IndexEntry>> index;
    };
    // The answers of the pool-thread reads, on the GUI thread.
    void showSegment(SegmentRead read, int64_t keepPosition, int64_t base);
    void showPage(kl::Result<kl::RecordPage> page, const kl::BatchHeader &header);
    // The status lines under the batches, the records and the index, from the last read (kept
    // so a language switch rewrites them without reading the files again).
    void showScanText();
    void showRecordText();
    void showIndexText();

    Bridge &m_bridge;
    QString m_topic;
    int m_partition = -1;
    QString m_loadedLogPath;     // the segment whose batches are listed
    qint64 m_loadedSize = -1;    // its size when listed (reload when it grew)
    QElapsedTimer m_sinceReload; // a growing active segment is re-read at most twice a second
    quint64 m_segmentTicket = 0; // the latest segment read asked for (older answers are dropped)
    quint64 m_segmentRead = 0;   // the latest one answered
    quint64 m_pageTicket = 0;    // the latest record page asked for
    QComboBox *m_topicCombo = nullptr;
    QComboBox *m_partitionCombo = nullptr;
    QLabel *m_dirLabel = nullptr;
    QLabel *m_topicLabel = nullptr;
    QLabel *m_partitionLabel = nullptr;
    QLabel *m_segmentsTitle = nullptr;
    QLabel *m_batchesTitle = nullptr;
    QLabel *m_indexTitle = nullptr;
    QLabel *m_recordsTitle = nullptr;
    QLabel *m_scanStatus = nullptr;
    QTableView *m_segmentView = nullptr;
    QTableView *m_batchView = nullptr;
    QTableWidget *m_indexTable = nullptr;
    QTableView *m_recordView = nullptr;
    QLabel *m_recordStatus = nullptr;
    QLabel *m_indexEmpty = nullptr;
    struct ScanText {
        bool loaded = false;     // a segment is listed (else the line is empty)
        bool reading = false;    // its read is under way
        QString error;           // it could not be read
        int batches = 0;
        qint64 validBytes = 0;
        qint64 fileSize = 0;
        bool capped = false;     // more than kMaxBatchesShown batches
        QString problem;         // where the scan stopped
    } m_scanText;
    struct RecordText {
        enum Kind { None, Hint, Reading, Failed, Decoded } kind = None;
        qint64 position = 0;
        QString error;
        int records = 0;
        QString compression;     // empty: uncompressed
        bool more = false;       // records follow the shown page
        qint64 claimed = 0;      // the batch header's record count
        bool headersCut = false; // a record shows only its first kMaxHeadersShown headers
    } m_recordText;
    int m_indexEntries = -1;         // of the listed segment, -1 = none listed or unreadable
    bool m_indexCapped = false;      // more than kMaxIndexEntriesShown entries
    qint64 m_indexIntervalBytes = 4096; // the topic's index.interval.bytes
    SegmentTableModel *m_segments = nullptr;
    BatchTableModel *m_batches = nullptr;
    RecordTableModel *m_records = nullptr;
};
