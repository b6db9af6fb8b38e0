#include "views/segment_browser.h"

#include "bridge/bridge.h"
#include "log/dump.h"
#include "log/log.h"
#include "models/segment_models.h"
#include "views/retranslate.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <filesystem>

namespace {

constexpr qint64 kActiveReloadIntervalMs = 500;

QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

QLabel *makeTitle(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

std::filesystem::path toPath(const QString &path) { return std::filesystem::path(path.toStdString()); }

} // namespace

SegmentBrowser::SegmentBrowser(Bridge &bridge, QWidget *parent)
    : QWidget(parent), m_bridge(bridge)
{
    m_segments = new SegmentTableModel(this);
    m_batches = new BatchTableModel(this);
    m_records = new RecordTableModel(this);

    m_topicCombo = new QComboBox(this);
    m_topicCombo->setObjectName(QStringLiteral("segmentTopic"));
    m_topicCombo->setMinimumContentsLength(12);
    m_partitionCombo = new QComboBox(this);
    m_partitionCombo->setObjectName(QStringLiteral("segmentPartition"));
    m_partitionCombo->setMinimumContentsLength(14);
    m_dirLabel = new QLabel(this);
    m_dirLabel->setObjectName(QStringLiteral("segmentDir"));
    m_dirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *picker = new QHBoxLayout;
    m_topicLabel = new QLabel(this);
    picker->addWidget(m_topicLabel);
    picker->addWidget(m_topicCombo);
    m_partitionLabel = new QLabel(this);
    picker->addWidget(m_partitionLabel);
    picker->addWidget(m_partitionCombo);
    picker->addStretch(1);
    // The directory on its own line, wrapped: a long path never widens the window.
    m_dirLabel->setWordWrap(true);
    m_dirLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_segmentView = makeTable(m_segments, QStringLiteral("segmentTable"), this);
    m_batchView = makeTable(m_batches, QStringLiteral("batchTable"), this);
    m_recordView = makeTable(m_records, QStringLiteral("recordTable"), this);
    // Offsets, sizes and 20-digit file names are short: fit them; values get the rest.
    for (QTableView *v : {m_segmentView, m_batchView})
        v->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_recordView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_recordView->setColumnWidth(RecordTableModel::Offset, 80);
    m_recordView->setColumnWidth(RecordTableModel::Timestamp, 180);
    m_recordView->setColumnWidth(RecordTableModel::Key, 140);
    m_recordView->setColumnWidth(RecordTableModel::Value, 320);
    m_indexTable = new QTableWidget(0, 3, this);
    m_indexTable->setObjectName(QStringLiteral("indexTable"));
    m_indexTable->verticalHeader()->hide();
    m_indexTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_indexTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_indexTable->horizontalHeader()->setStretchLastSection(true);

    m_scanStatus = new QLabel(this);
    m_scanStatus->setObjectName(QStringLiteral("scanStatus"));
    m_scanStatus->setWordWrap(true);
    m_recordStatus = new QLabel(this);
    m_recordStatus->setObjectName(QStringLiteral("recordStatus"));
    m_recordStatus->setWordWrap(true);
    m_indexEmpty = new QLabel(this);
    m_indexEmpty->setObjectName(QStringLiteral("indexEmpty"));
    m_indexEmpty->setWordWrap(true);
    m_indexEmpty->hide();

    auto boxed = [this](QLabel **title, QWidget *content, QLabel *footer = nullptr) {
        auto *w = new QWidget(this);
        auto *l = new QVBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        *title = makeTitle(w);
        l->addWidget(*title);
        l->addWidget(content, 1);
        if (footer)
            l->addWidget(footer);
        return w;
    };

    auto *middle = new QSplitter(Qt::Horizontal, this);
    middle->addWidget(boxed(&m_batchesTitle, m_batchView, m_scanStatus));
    middle->addWidget(boxed(&m_indexTitle, m_indexTable, m_indexEmpty));
    middle->setStretchFactor(0, 3);
    middle->setStretchFactor(1, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(boxed(&m_segmentsTitle, m_segmentView));
    split->addWidget(middle);
    split->addWidget(boxed(&m_recordsTitle, m_recordView, m_recordStatus));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(picker);
    layout->addWidget(m_dirLabel);
    layout->addWidget(split, 1);

    connect(m_topicCombo, &QComboBox::currentIndexChanged, this, &SegmentBrowser::onTopicChosen);
    connect(m_partitionCombo, &QComboBox::currentIndexChanged, this,
            &SegmentBrowser::onPartitionChosen);
    connect(m_segmentView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SegmentBrowser::onSegmentSelected);
    connect(m_batchView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SegmentBrowser::onBatchSelected);
    connect(&m_bridge, &Bridge::snapshotUpdated, this, &SegmentBrowser::onSnapshotUpdated);

    m_sinceReload.start();
    retranslateUi();
}

void SegmentBrowser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// Texts only: the chosen topic, partition, segment and batch stay selected.
void SegmentBrowser::retranslateUi()
{
    m_dirLabel->setToolTip(tr("The replica directory on the partition leader: one "
                              ".log/.index/.timeindex triple per segment, named by base offset."));
    m_topicLabel->setText(tr("Topic"));
    m_partitionLabel->setText(tr("Partition"));
    m_indexTable->setHorizontalHeaderLabels({tr("Relative offset"), tr("Offset"), tr("Position")});
    m_indexTable->setToolTip(tr("The sparse offset index: every index.interval.bytes of batches, "
                                "a (relative offset → byte position) entry lets a read seek close "
                                "to an offset without scanning the file."));
    m_batchesTitle->setText(tr("Batches"));
    m_indexTitle->setText(tr("Offset index (.index)"));
    m_segmentsTitle->setText(tr("Segment files"));
    m_recordsTitle->setText(tr("Records of the selected batch"));
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{m_segments, m_batches, m_records})
        retranslate::refreshModel(model);
    showScanText();
    showRecordText();
    showIndexText();
    onSnapshotUpdated(); // the partition labels and the directory line
}

void SegmentBrowser::showPartition(const QString &topic, int partition)
{
    m_topic = topic;
    m_partition = partition;
    syncTopics();
    syncPartitions();
    refreshSegments();
}

void SegmentBrowser::onSnapshotUpdated()
{
    syncTopics();
    syncPartitions();
    refreshSegments();
}

void SegmentBrowser::syncTopics()
{
    QStringList names;
    if (auto snap = m_bridge.snapshot())
        for (const auto &t : snap->topics)
            names << QString::fromStdString(t.name);
    QStringList current;
    for (int i = 0; i < m_topicCombo->count(); ++i)
        current << m_topicCombo->itemText(i);
    if (names != current) {
        QSignalBlocker block(m_topicCombo);
        m_topicCombo->clear();
        m_topicCombo->addItems(names);
    }
    if (m_topic.isEmpty() && !names.isEmpty()) {
        m_topic = names.front();
        m_partition = 0;
    }
    QSignalBlocker block(m_topicCombo);
    m_topicCombo->setCurrentIndex(m_topicCombo->findText(m_topic));
}

void SegmentBrowser::syncPartitions()
{
    auto snap = m_bridge.snapshot();
    const kl::TopicSnapshot *topic = snap ? snap->topic(m_topic.toStdString()) : nullptr;
    QList<int> ids;
    QStringList labels;
    if (topic) {
        for (const auto &p : topic->partitions) {
            ids << p.id;
            labels << tr("%1 (leader broker-%2)").arg(p.id).arg(p.leader);
        }
    }
    bool same = ids.size() == m_partitionCombo->count();
    for (int i = 0; same && i < ids.size(); ++i)
        same = m_partitionCombo->itemData(i).toInt() == ids[i]
            && m_partitionCombo->itemText(i) == labels[i];
    QSignalBlocker block(m_partitionCombo);
    if (!same) {
        m_partitionCombo->clear();
        for (int i = 0; i < ids.size(); ++i)
            m_partitionCombo->addItem(labels[i], ids[i]);
    }
    if (m_partition < 0 && !ids.isEmpty())
        m_partition = ids.front();
    m_partitionCombo->setCurrentIndex(m_partitionCombo->findData(m_partition));
}

void SegmentBrowser::onTopicChosen(int index)
{
    if (index < 0)
        return;
    m_topic = m_topicCombo->itemText(index);
    m_partition = 0;
    syncPartitions();
    refreshSegments();
}

void SegmentBrowser::onPartitionChosen(int index)
{
    if (index < 0)
        return;
    m_partition = m_partitionCombo->itemData(index).toInt();
    refreshSegments();
}

void SegmentBrowser::refreshSegments()
{
    auto snap = m_bridge.snapshot();
    const kl::TopicSnapshot *topic = snap ? snap->topic(m_topic.toStdString()) : nullptr;
    const kl::PartitionSnapshot *partition = nullptr;
    if (topic)
        for (const auto &p : topic->partitions)
            if (p.id == m_partition)
                partition = &p;
    if (!partition) {
        m_dirLabel->setText(m_topic.isEmpty() ? tr("No topic yet: create one to see its files.")
                                              : tr("No partition %1 in topic %2")
                                                    .arg(m_partition).arg(m_topic));
        m_segments->setSegments({});
        if (!m_loadedLogPath.isEmpty())
            loadSegment(QString());
        return;
    }
    m_dirLabel->setText(QString::fromStdString(partition->dir));
    if (m_indexIntervalBytes != topic->config.log.indexIntervalBytes) {
        m_indexIntervalBytes = topic->config.log.indexIntervalBytes;
        showIndexText();
    }
    m_segments->setSegments(partition->segments);

    // Keep the listed segment's batches current: the active segment grows as records arrive.
    if (m_loadedLogPath.isEmpty())
        return;
    const kl::SegmentSnapshot *loaded = nullptr;
    for (const auto &s : partition->segments)
        if (QString::fromStdString(s.logPath) == m_loadedLogPath)
            loaded = &s;
    if (!loaded) {
        loadSegment(QString()); // deleted by retention or another partition chosen
    } else if (loaded->sizeBytes != m_loadedSize && m_segmentRead == m_segmentTicket
               && m_sinceReload.elapsed() >= kActiveReloadIntervalMs) {
        // (Not while a read is still under way: a slow read would otherwise never be shown.)
        loadSegment(m_loadedLogPath);
    }
}

void SegmentBrowser::onSegmentSelected()
{
    const QModelIndexList rows = m_segmentView->selectionModel()->selectedRows();
    const kl::SegmentSnapshot *s = rows.isEmpty() ? nullptr : m_segments->segmentAt(rows.front().row());
    const QString path = s ? QString::fromStdString(s->logPath) : QString();
    if (path != m_loadedLogPath)
        loadSegment(path);
}

// The files are read on a pool thread (Bridge::readFiles): a segment's batches are listed
// with their CRCs, which for a large segment.bytes means reading up to a gigabyte. The GUI
// shows "Reading..." meanwhile; an answer for a segment no longer chosen is dropped.
void SegmentBrowser::loadSegment(const QString &logPath)
{
    const kl::BatchSummary *selected = nullptr;
    const QModelIndexList selectedRows = m_batchView->selectionModel()->selectedRows();
    if (!selectedRows.isEmpty())
        selected = m_batches->batchAt(selectedRows.front().row());
    const bool reload = logPath == m_loadedLogPath && !logPath.isEmpty();
    const int64_t keepPosition = (reload && selected) ? selected->position : -1;

    m_loadedLogPath = logPath;
    m_sinceReload.restart();
    const quint64 ticket = ++m_segmentTicket;
    if (!reload) {
        // Another segment (or none): what was listed goes at once.
        ++m_pageTicket;
        m_loadedSize = -1;
        m_indexTable->setRowCount(0);
        m_indexEntries = -1;
        m_indexCapped = false;
        m_batches->setBatches({});
        m_records->setRecords({});
        m_recordText = RecordText{};
        m_scanText = ScanText{};
        m_scanText.loaded = !logPath.isEmpty();
        m_scanText.reading = !logPath.isEmpty();
        showScanText();
        showRecordText();
        showIndexText();
    }
    if (logPath.isEmpty()) {
        m_segmentRead = ticket;
        return;
    }

    // The .index sits next to the .log with the same stem; its entries are relative to the
    // segment's base offset.
    std::filesystem::path indexPath = toPath(logPath);
    indexPath.replace_extension(".index");
    int64_t base = 0;
    for (int r = 0; r < m_segments->rowCount(); ++r)
        if (QString::fromStdString(m_segments->segmentAt(r)->logPath) == logPath)
            base = m_segments->segmentAt(r)->baseOffset;
    QPointer<SegmentBrowser> self(this);
    m_bridge.readFiles(
        [log = toPath(logPath), indexPath] {
            return SegmentRead {kl::scanSegment(log, static_cast<size_t>(kMaxBatchesShown) + 1),
                                kl::readOffsetIndex(indexPath, static_cast<size_t>(kMaxIndexEntriesShown) + 1)};
        },
        [self, ticket, keepPosition, base](SegmentRead read) {
            if (self && ticket == self->m_segmentTicket)
                self->showSegment(std::move(read), keepPosition, base);
        });
}

void SegmentBrowser::showSegment(SegmentRead read, int64_t keepPosition, int64_t base)
{
    m_segmentRead = m_segmentTicket;
    m_scanText = ScanText{};
    m_scanText.loaded = true;
    auto &scan = read.scan;
    if (!scan) {
        m_loadedSize = -1;
        m_batches->setBatches({});
        m_indexTable->setRowCount(0);
        m_indexEntries = -1;
        m_scanText.error = QString::fromStdString(scan.status().toString());
        showScanText();
        showIndexText();
        return;
    }
    m_loadedSize = scan->fileSize;
    std::vector<kl::BatchSummary> batches = std::move(scan->batches);
    m_scanText.batches = static_cast<int>(batches.size());
    m_scanText.validBytes = scan->validBytes;
    m_scanText.fileSize = scan->fileSize;
    if (batches.size() > static_cast<size_t>(kMaxBatchesShown)) {
        batches.resize(static_cast<size_t>(kMaxBatchesShown));
        m_scanText.capped = true;
    } else if (!scan->problem.empty()) {
        m_scanText.problem = QString::fromStdString(scan->problem);
    }
    showScanText();
    // Replacing the batches clears the selection without a signal for each row: the records
    // pane follows below (the kept batch, or the hint).
    {
        const QSignalBlocker block(m_batchView->selectionModel());
        m_batches->setBatches(std::move(batches));
    }

    m_indexCapped = false;
    m_indexEntries = -1;
    m_indexTable->setRowCount(0);
    if (auto &entries = read.index) {
        if (entries->size() > static_cast<size_t>(kMaxIndexEntriesShown)) {
            entries->resize(static_cast<size_t>(kMaxIndexEntriesShown));
            m_indexCapped = true;
        }
        m_indexTable->setRowCount(static_cast<int>(entries->size()));
        int row = 0;
        for (const kl::IndexEntry &e : *entries) {
            m_indexTable->setItem(row, 0, new QTableWidgetItem(QString::number(e.relativeOffset)));
            m_indexTable->setItem(row, 1, new QTableWidgetItem(QString::number(base + e.relativeOffset)));
            m_indexTable->setItem(row, 2, new QTableWidgetItem(QString::number(e.position)));
            ++row;
        }
        m_indexEntries = static_cast<int>(entries->size());
    }
    showIndexText();

    const int keepRow = keepPosition >= 0 ? m_batches->rowOfPosition(keepPosition) : -1;
    if (keepRow >= 0) {
        const QSignalBlocker block(m_batchView->selectionModel());
        m_batchView->selectRow(keepRow); // its records are already shown
    } else {
        onBatchSelected();
    }
}

void SegmentBrowser::onBatchSelected()
{
    const QModelIndexList rows = m_batchView->selectionModel()->selectedRows();
    const kl::BatchSummary *b = rows.isEmpty() ? nullptr : m_batches->batchAt(rows.front().row());
    const quint64 ticket = ++m_pageTicket;
    m_recordText = RecordText{};
    if (!b || m_loadedLogPath.isEmpty()) {
        m_records->setRecords({});
        m_recordText.kind = m_loadedLogPath.isEmpty() ? RecordText::None : RecordText::Hint;
        showRecordText();
        return;
    }
    m_records->setRecords({});
    m_recordText.kind = RecordText::Reading;
    m_recordText.position = b->position;
    showRecordText();
    // One page, decoded as it streams from the file: never the whole batch.
    QPointer<SegmentBrowser> self(this);
    m_bridge.readFiles(
        [log = toPath(m_loadedLogPath), position = b->position] {
            return kl::readBatchRecordPage(log, position, static_cast<size_t>(kMaxRecordsShown), 16u << 20,
                                           static_cast<size_t>(kMaxHeadersShown));
        },
        [self, ticket, header = b->header](kl::Result<kl::RecordPage> page) {
            if (self && ticket == self->m_pageTicket)
                self->showPage(std::move(page), header);
        });
}

void SegmentBrowser::showPage(kl::Result<kl::RecordPage> page, const kl::BatchHeader &header)
{
    const qint64 position = m_recordText.position;
    m_recordText = RecordText{};
    m_recordText.position = position;
    if (!page) {
        m_records->setRecords({});
        m_recordText.kind = RecordText::Failed;
        m_recordText.error = QString::fromStdString(page.status().toString());
        showRecordText();
        return;
    }
    const auto compression = header.compression();
    m_recordText.kind = RecordText::Decoded;
    m_recordText.records = static_cast<int>(page->records.size());
    m_recordText.more = page->more;
    m_recordText.claimed = header.recordCount;
    m_recordText.headersCut = page->headersCut;
    if (compression != kl::Compression::None)
        m_recordText.compression = QString::fromUtf8(kl::compressionName(compression).data());
    showRecordText();
    m_records->setRecords(std::move(page->records));
}

void SegmentBrowser::showScanText()
{
    const ScanText &t = m_scanText;
    if (!t.loaded) {
        m_scanStatus->clear();
        return;
    }
    if (!t.error.isEmpty()) {
        m_scanStatus->setText(tr("Cannot read %1: %2").arg(m_loadedLogPath, t.error));
        return;
    }
    if (t.reading) {
        m_scanStatus->setText(tr("Reading the batches of %1…").arg(QFileInfo(m_loadedLogPath).fileName()));
        return;
    }
    QString status = tr("%n batch(es), %1 of %2 bytes", nullptr, t.batches).arg(t.validBytes).arg(t.fileSize);
    if (t.capped)
        status = tr("Showing the first %1 batches only.").arg(kMaxBatchesShown);
    else if (!t.problem.isEmpty())
        status += QLatin1Char('\n') + tr("Scan stopped: %1").arg(t.problem);
    m_scanStatus->setText(status);
}

void SegmentBrowser::showRecordText()
{
    const RecordText &t = m_recordText;
    switch (t.kind) {
    case RecordText::None:
        m_recordStatus->clear();
        break;
    case RecordText::Hint:
        m_recordStatus->setText(tr("Select a batch to decode its records."));
        break;
    case RecordText::Reading:
        m_recordStatus->setText(tr("Decoding the records of the batch at position %1…").arg(t.position));
        break;
    case RecordText::Failed:
        m_recordStatus->setText(tr("Cannot decode the batch at position %1: %2").arg(t.position).arg(t.error));
        break;
    case RecordText::Decoded: {
        QString text = t.compression.isEmpty()
            ? tr("%n record(s), uncompressed", nullptr, t.records)
            : tr("%n record(s), decompressed from %1", nullptr, t.records).arg(t.compression);
        if (t.more)
            text += QLatin1Char('\n')
                + tr("Showing the first %1 records only; the batch header says it holds %2.")
                      .arg(t.records)
                      .arg(t.claimed);
        if (t.headersCut)
            text += QLatin1Char('\n') + tr("Records with more than %1 headers show their first %1.").arg(kMaxHeadersShown);
        m_recordStatus->setText(text);
        break;
    }
    }
}

// An empty .index is normal for a small segment: say why, with the topic's own setting.
void SegmentBrowser::showIndexText()
{
    if (m_indexCapped && m_loadedSize >= 0) {
        m_indexEmpty->setText(tr("Showing the first %1 index entries only.").arg(kMaxIndexEntriesShown));
        m_indexEmpty->show();
        return;
    }
    if (m_indexEntries != 0 || m_loadedSize < 0) {
        m_indexEmpty->hide();
        return;
    }
    m_indexEmpty->setText(tr("No index entries yet: Kafka adds one each time more than "
                             "index.interval.bytes (%1 bytes) of batches were appended since the "
                             "last entry; this segment holds %2 bytes.")
                              .arg(m_indexIntervalBytes)
                              .arg(m_loadedSize));
    m_indexEmpty->show();
}
