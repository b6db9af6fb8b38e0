#include "views/producer_panel.h"

#include "bridge/bridge.h"
#include "core/error_code.h"
#include "core/topic_name.h"
#include "partitioners/partitioner.h"
#include "views/auto_producer_list.h"
#include "views/key_colors.h"
#include "views/retranslate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace {

constexpr int kMaxResultLines = 500; // the result log keeps the newest sends only

QLabel *makeErrorLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    return label;
}

// An HTML-escaped text for the result log.
QString esc(const QString &s) { return s.toHtmlEscaped(); }

// Spin boxes and combos in a scrolled panel: the wheel scrolls the panel unless the field has
// the focus (clicked or tabbed into), so scrolling past a field does not change it.
class WheelGuard : public QObject {
public:
    using QObject::QObject;
    static void guard(QWidget *field)
    {
        field->setFocusPolicy(Qt::StrongFocus);
        field->installEventFilter(new WheelGuard(field));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel && !static_cast<QWidget *>(watched)->hasFocus()) {
            event->ignore(); // propagates to the scroll area
            return true;
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

// The Partition field: -1 ("auto", the special value text) lets the partitioner choose. Typing
// "auto" (or any start of it) or clearing the field gives auto, as well as the arrows.
class PartitionSpinBox : public QSpinBox {
public:
    using QSpinBox::QSpinBox;

protected:
    bool isAuto(const QString &text) const
    {
        const QString t = text.trimmed();
        return t.isEmpty() || (!specialValueText().isEmpty() && specialValueText().startsWith(t, Qt::CaseInsensitive))
               || QStringLiteral("auto").startsWith(t, Qt::CaseInsensitive);
    }
    QValidator::State validate(QString &input, int &pos) const override
    {
        const QString t = input.trimmed();
        if (t.isEmpty() || t.compare(specialValueText(), Qt::CaseInsensitive) == 0
            || t.compare(QStringLiteral("auto"), Qt::CaseInsensitive) == 0)
            return QValidator::Acceptable;
        if (isAuto(input))
            return QValidator::Intermediate; // on the way to auto

        return QSpinBox::validate(input, pos);
    }
    int valueFromText(const QString &text) const override
    {
        return isAuto(text) ? minimum() : QSpinBox::valueFromText(text);
    }
    void fixup(QString &input) const override
    {
        if (isAuto(input))
            input = specialValueText();
        else
            QSpinBox::fixup(input);
    }
};

ProducerPanel::ProducerPanel(Bridge &bridge, QWidget *parent) : QWidget(parent), m_bridge(bridge)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(6);
    layout->addWidget(buildSendGroup());
    layout->addWidget(buildAutoGroup());
    layout->addStretch(0);
    for (QAbstractSpinBox *field : findChildren<QAbstractSpinBox *>())
        WheelGuard::guard(field);
    for (QComboBox *field : findChildren<QComboBox *>()) {
        WheelGuard::guard(field);
        // As wide as the chosen item, not the widest one: the form wraps a row (field under
        // its label) only when the shown text needs it.
        field->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        auto fit = [field] {
            field->setMinimumWidth(std::min(field->fontMetrics().horizontalAdvance(field->currentText()) + 40, 260));
        };
        connect(field, &QComboBox::currentIndexChanged, field, fit);
        m_fitCombos << fit;
    }

    connect(&m_bridge, &Bridge::snapshotUpdated, this, &ProducerPanel::onSnapshotUpdated);
    connect(&m_bridge, &Bridge::produceAnswered, this, &ProducerPanel::onProduceAnswered);
    connect(&m_bridge, &Bridge::autoProducerStarted, this, &ProducerPanel::onAutoStarted);
    retranslateUi();
}

void ProducerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// Every text the panel sets, again in the current language; values, indices, item data and
// typed text stay as they are.
void ProducerPanel::retranslateUi()
{
    using retranslate::setFormLabel;
    m_sendGroup->setTitle(tr("Producer"));
    m_topic->setToolTip(tr("The topic to send to"));
    setFormLabel(m_sendForm, m_topic, tr("Topic"));
    m_key->setPlaceholderText(tr("e.g. order-100"));
    m_key->setToolTip(tr("Records with the same key go to the same partition (while the "
                         "partition count stays the same), so they stay in order."));
    m_nullKey->setText(tr("null key"));
    m_nullKey->setToolTip(tr("Send without a key: the partitioner spreads keyless records "
                             "(sticky or round-robin)."));
    setFormLabel(m_sendForm, m_keyRow, tr("Key"));
    m_value->setPlaceholderText(tr("value"));
    setFormLabel(m_sendForm, m_value, tr("Value"));

    m_acks->setItemText(0, tr("all: every in-sync replica has it"));
    m_acks->setItemText(1, tr("1: the leader wrote it"));
    m_acks->setItemText(2, tr("0: don't wait for an answer"));
    m_acks->setItemData(0, tr("acks=all (Kafka's default since 3.0): acknowledged once every ISR "
                              "member has the record. Refused with NOT_ENOUGH_REPLICAS when the "
                              "ISR is smaller than min.insync.replicas."), Qt::ToolTipRole);
    m_acks->setItemData(1, tr("acks=1: acknowledged as soon as the leader appended it. Lost if "
                              "the leader dies before a follower copied it."), Qt::ToolTipRole);
    m_acks->setItemData(2, tr("acks=0: the producer does not wait; it never learns about a "
                              "failure."), Qt::ToolTipRole);
    m_acks->setToolTip(tr("acks: when the broker answers the producer"));
    setFormLabel(m_sendForm, m_acks, tr("acks"));
    m_idempotence->setItemText(0, tr("not set"));
    m_idempotence->setItemText(1, tr("true"));
    m_idempotence->setItemText(2, tr("false"));
    m_idempotence->setToolTip(tr("enable.idempotence: an idempotent producer gets a producer id and "
                                 "numbers its records per partition, so the leader drops a resent "
                                 "batch instead of writing it twice. Kafka 3.0+ turns it on by "
                                 "default; it needs acks=all and max.in.flight.requests.per.connection "
                                 "≤ 5 (this panel sends one request at a time)."));
    setFormLabel(m_sendForm, m_idempotenceRow, tr("Idempotence"));

    m_headers->setHorizontalHeaderLabels({tr("Header key"), tr("Header value")});
    m_addHeader->setText(tr("+"));
    m_addHeader->setToolTip(tr("Add a header row"));
    m_removeHeader->setText(tr("−"));
    m_removeHeader->setToolTip(tr("Remove the selected header row"));
    setFormLabel(m_sendForm, m_headerRow, tr("Headers"));

    m_partition->setSpecialValueText(tr("auto"));
    m_partition->setToolTip(tr("\"auto\" lets the partitioner choose; a number sends to that "
                               "partition directly (the key is then not used for placement)."));
    setFormLabel(m_sendForm, m_partition, tr("Partition"));
    m_partitioner->setItemText(0, tr("default (murmur2, Java client)"));
    m_partitioner->setItemText(1, tr("crc32 (librdkafka consistent_random)"));
    m_partitioner->setItemText(2, tr("round-robin"));
    m_partitioner->setItemText(3, tr("uniform sticky (KIP-794)"));
    m_partitioner->setToolTip(tr("How the client picks a partition. Java: murmur2(key) & "
                                 "0x7fffffff % N; librdkafka: crc32(key) % N. Different clients "
                                 "put the same key on different partitions!"));
    setFormLabel(m_sendForm, m_partitioner, tr("Partitioner"));
    m_compression->setToolTip(tr("compression.type: the whole batch is compressed; the broker "
                                 "stores it as sent."));
    setFormLabel(m_sendForm, m_compression, tr("Compression"));
    m_send->setText(tr("Send"));
    m_results->setToolTip(tr("Where each record went (partition @ offset) and the rule that "
                             "chose the partition"));

    m_autoGroup->setTitle(tr("Auto-producer"));
    m_rate->setSuffix(tr(" rec/s"));
    setFormLabel(m_autoForm, m_rate, tr("Rate"));
    m_count->setSpecialValueText(tr("unlimited"));
    m_count->setToolTip(tr("Stop after this many records; 0 = until stopped"));
    setFormLabel(m_autoForm, m_count, tr("Count"));
    m_distribution->setItemText(0, tr("uniform over K keys"));
    m_distribution->setItemText(1, tr("Zipf (skewed: a hot key)"));
    m_distribution->setItemText(2, tr("null keys"));
    setFormLabel(m_autoForm, m_keysRow, tr("Keys"));
    m_keyCount->setToolTip(tr("K: keys key-0 .. key-(K-1)"));
    m_keyCountLabel->setText(tr("K"));
    m_keyCountLabel->setToolTip(m_keyCount->toolTip());
    m_zipf->setToolTip(tr("Zipf exponent s: P(key-k) ~ 1/(k+1)^s; larger = hotter key-0"));
    setFormLabel(m_autoForm, m_zipf, tr("Zipf exponent"));
    m_valueSize->setSuffix(tr(" bytes"));
    setFormLabel(m_autoForm, m_valueSize, tr("Value size"));
    m_start->setText(tr("Start"));
    updateIdempotenceState();
    for (const auto &fit : m_fitCombos)
        fit();
    onSnapshotUpdated(); // tooltips and status built from the snapshot
}

QWidget *ProducerPanel::buildSendGroup()
{
    auto *group = m_sendGroup = new QGroupBox(this);
    auto *form = m_sendForm = new QFormLayout;
    form->setVerticalSpacing(3); // compact: the auto-producer stays in view at 1280x800
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // narrow (1024 px): a long field under its label

    m_topic = new QComboBox(group);
    m_topic->setObjectName(QStringLiteral("producerTopic"));
    connect(m_topic, &QComboBox::currentTextChanged, this, [this] { syncTopics(); });
    form->addRow(QString(), m_topic);

    m_key = new QLineEdit(group);
    m_key->setObjectName(QStringLiteral("producerKey"));
    m_nullKey = new QCheckBox(group);
    m_nullKey->setObjectName(QStringLiteral("producerNullKey"));
    connect(m_nullKey, &QCheckBox::toggled, m_key, &QWidget::setDisabled);
    auto *keyRow = m_keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_nullKey);
    form->addRow(QString(), keyRow);

    m_value = new QPlainTextEdit(group);
    m_value->setObjectName(QStringLiteral("producerValue"));
    m_value->setMaximumHeight(m_value->fontMetrics().height() * 2 + 12); // grows by scrolling
    form->addRow(QString(), m_value);

    m_acks = new QComboBox(group);
    m_acks->setObjectName(QStringLiteral("producerAcks"));
    for (auto acks : {kl::Acks::All, kl::Acks::Leader, kl::Acks::None})
        m_acks->addItem(QString(), int(acks));
    form->addRow(QString(), m_acks);

    // enable.idempotence and what it makes of the producer, on one row (the auto-producer must
    // stay in view at 1280x800): a short state; the full reason is its tooltip.
    m_idempotence = new QComboBox(group);
    m_idempotence->setObjectName(QStringLiteral("producerIdempotence"));
    m_idempotence->addItem(QString(), 0);  // not set
    m_idempotence->addItem(QString(), 1);  // true
    m_idempotence->addItem(QString(), -1); // false
    m_idempotenceState = new QLabel(group);
    m_idempotenceState->setObjectName(QStringLiteral("producerIdempotenceState"));
    m_idempotenceState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_idempotenceState->setMinimumWidth(0);
    m_idempotenceState->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *idempotenceRow = m_idempotenceRow = new QHBoxLayout;
    idempotenceRow->addWidget(m_idempotence);
    idempotenceRow->addWidget(m_idempotenceState, 1);
    form->addRow(QString(), idempotenceRow);
    connect(m_acks, &QComboBox::currentIndexChanged, this, [this] { updateIdempotenceState(); });
    connect(m_idempotence, &QComboBox::currentIndexChanged, this, [this] { updateIdempotenceState(); });

    m_headers = new QTableWidget(0, 2, group);
    m_headers->setObjectName(QStringLiteral("producerHeaders"));
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setMaximumHeight(m_headers->fontMetrics().height() * 4 + 12);
    auto *addHeader = m_addHeader = new QPushButton(group);
    auto *removeHeader = m_removeHeader = new QPushButton(group);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        // The new row's key cell is current and being edited: typing goes straight in.
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        syncHeaderRows();
        m_headers->setItem(row, 0, new QTableWidgetItem);
        m_headers->setItem(row, 1, new QTableWidgetItem);
        m_headers->setCurrentCell(row, 0);
        m_headers->setFocus(Qt::OtherFocusReason);
        m_headers->editItem(m_headers->item(row, 0));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->currentRow() >= 0 ? m_headers->currentRow() : m_headers->rowCount() - 1;
        if (row >= 0)
            m_headers->removeRow(row);
        syncHeaderRows();
    });
    auto *headerButtons = new QVBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto *headerRow = m_headerRow = new QHBoxLayout;
    headerRow->addWidget(m_headers, 1);
    headerRow->addLayout(headerButtons);
    form->addRow(QString(), headerRow);
    syncHeaderRows();

    m_partition = new PartitionSpinBox(group);
    m_partition->setObjectName(QStringLiteral("producerPartition"));
    m_partition->setRange(-1, kl::kMaxPartitions - 1);
    m_partition->setValue(-1);
    form->addRow(QString(), m_partition);

    m_partitioner = new QComboBox(group);
    m_partitioner->setObjectName(QStringLiteral("producerPartitioner"));
    for (auto kind : {kl::PartitionerKind::Default, kl::PartitionerKind::Crc32,
                      kl::PartitionerKind::RoundRobin, kl::PartitionerKind::UniformSticky})
        m_partitioner->addItem(QString(), int(kind));
    form->addRow(QString(), m_partitioner);

    m_compression = new QComboBox(group);
    m_compression->setObjectName(QStringLiteral("producerCompression"));
    for (auto c : {kl::Compression::None, kl::Compression::Gzip, kl::Compression::Snappy,
                   kl::Compression::Lz4, kl::Compression::Zstd})
        m_compression->addItem(QString::fromUtf8(kl::compressionName(c).data()), int(c));
    form->addRow(QString(), m_compression);

    m_send = new QPushButton(group);
    m_send->setObjectName(QStringLiteral("producerSend"));
    m_send->setDefault(true);
    connect(m_send, &QPushButton::clicked, this, &ProducerPanel::onSend);
    m_sendError = makeErrorLabel(group, QStringLiteral("producerError"));

    m_results = new QTextBrowser(group);
    m_results->setObjectName(QStringLiteral("producerResults"));
    m_results->setOpenLinks(false);
    m_results->document()->setMaximumBlockCount(kMaxResultLines);
    const int line = m_results->fontMetrics().height();
    m_results->setMinimumHeight(line + 8);
    // Its least height, not the default 192 px: the scroll area sizes the panel by its hint.
    m_results->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    // The error and the log share one area of a fixed least height: an error appearing takes
    // room from the log, so nothing below the Send button moves.
    auto *outcome = new QWidget(group);
    outcome->setMinimumHeight(line * 6);
    auto *outcomeBox = new QVBoxLayout(outcome);
    outcomeBox->setContentsMargins(0, 0, 0, 0);
    outcomeBox->addWidget(m_sendError);
    outcomeBox->addWidget(m_results, 1);

    auto *box = new QVBoxLayout(group);
    box->setContentsMargins(6, 4, 6, 6);
    box->setSpacing(4);
    box->addLayout(form);
    box->addWidget(m_send);
    box->addWidget(outcome, 1);
    return group;
}

QWidget *ProducerPanel::buildAutoGroup()
{
    auto *group = m_autoGroup = new QGroupBox(this);
    auto *form = m_autoForm = new QFormLayout;
    form->setVerticalSpacing(3);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);

    m_rate = new QDoubleSpinBox(group);
    m_rate->setObjectName(QStringLiteral("autoRate"));
    m_rate->setRange(0.1, 50000);
    m_rate->setDecimals(1);
    m_rate->setValue(100);
    form->addRow(QString(), m_rate);

    m_count = new QSpinBox(group);
    m_count->setObjectName(QStringLiteral("autoCount"));
    m_count->setRange(0, std::numeric_limits<int>::max());
    form->addRow(QString(), m_count);

    m_distribution = new QComboBox(group);
    m_distribution->setObjectName(QStringLiteral("autoDistribution"));
    for (auto d : {kl::KeyDistribution::Uniform, kl::KeyDistribution::Zipf, kl::KeyDistribution::None})
        m_distribution->addItem(QString(), int(d));

    m_keyCount = new QSpinBox(group);
    m_keyCount->setObjectName(QStringLiteral("autoKeyCount"));
    m_keyCount->setRange(1, 1'000'000);
    m_keyCount->setValue(16);
    m_keyCountLabel = new QLabel(group);
    m_keyCountLabel->setBuddy(m_keyCount);
    auto *keysRow = m_keysRow = new QHBoxLayout;
    keysRow->addWidget(m_distribution, 1);
    keysRow->addWidget(m_keyCountLabel);
    keysRow->addWidget(m_keyCount);
    form->addRow(QString(), keysRow);

    m_zipf = new QDoubleSpinBox(group);
    m_zipf->setObjectName(QStringLiteral("autoZipf"));
    m_zipf->setRange(0.1, 5.0);
    m_zipf->setSingleStep(0.1);
    m_zipf->setValue(1.1);
    form->addRow(QString(), m_zipf);

    m_valueSize = new QSpinBox(group);
    m_valueSize->setObjectName(QStringLiteral("autoValueSize"));
    m_valueSize->setRange(0, 1'000'000);
    m_valueSize->setValue(100);
    form->addRow(QString(), m_valueSize);

    auto syncDistribution = [this] {
        const auto d = static_cast<kl::KeyDistribution>(m_distribution->currentData().toInt());
        m_zipf->setEnabled(d == kl::KeyDistribution::Zipf);
        m_keyCount->setEnabled(d != kl::KeyDistribution::None);
    };
    connect(m_distribution, &QComboBox::currentIndexChanged, this, syncDistribution);
    syncDistribution();

    m_start = new QPushButton(group);
    m_start->setObjectName(QStringLiteral("autoStart"));
    connect(m_start, &QPushButton::clicked, this, &ProducerPanel::onStartAuto);
    m_autoList = new AutoProducerList(m_bridge, group);

    m_autoStatus = new QLabel(group);
    m_autoStatus->setObjectName(QStringLiteral("autoStatus"));
    m_autoStatus->setWordWrap(true);
    m_autoError = makeErrorLabel(group, QStringLiteral("autoError"));

    auto *box = new QVBoxLayout(group);
    box->setContentsMargins(6, 4, 6, 6);
    box->setSpacing(4);
    box->addLayout(form);
    box->addWidget(m_start);
    box->addWidget(m_autoStatus);
    box->addWidget(m_autoError);
    box->addWidget(m_autoList);
    return group;
}

// The headers table shows once a header is added ("+"); empty, it is only the buttons.
void ProducerPanel::syncHeaderRows()
{
    const bool any = m_headers->rowCount() > 0;
    m_headers->setVisible(any);
    m_removeHeader->setVisible(any);
}

void ProducerPanel::setCurrentTopic(const QString &topic)
{
    // A topic just created may not be in the list yet (the snapshot that has it comes after the
    // command's answer): it is selected when it appears.
    m_wantedTopic = topic;
    const int index = m_topic->findText(topic);
    if (index >= 0) {
        m_topic->setCurrentIndex(index);
        m_wantedTopic.clear();
    }
}

void ProducerPanel::sendRecord(const QString &key, const QString &value)
{
    m_nullKey->setChecked(false);
    m_key->setText(key);
    m_value->setPlainText(value);
    onSend();
}

void ProducerPanel::onSnapshotUpdated()
{
    // Keep the combo's items equal to the snapshot's topics without touching the selection
    // unless the selected topic is gone.
    QStringList names;
    if (auto snap = m_bridge.snapshot())
        for (const auto &t : snap->topics)
            if (!kl::isInternalTopicName(t.name)) // __consumer_offsets is the coordinators' topic
                names << QString::fromStdString(t.name);
    QStringList items;
    for (int i = 0; i < m_topic->count(); ++i)
        items << m_topic->itemText(i);
    if (names != items) {
        const QString selected = m_topic->currentText();
        {
            QSignalBlocker block(m_topic);
            m_topic->clear();
            m_topic->addItems(names);
            const int index = m_topic->findText(selected);
            m_topic->setCurrentIndex(index >= 0 ? index : (names.isEmpty() ? -1 : 0));
        }
    }
    if (!m_wantedTopic.isEmpty() && m_topic->findText(m_wantedTopic) >= 0) {
        QSignalBlocker block(m_topic);
        m_topic->setCurrentIndex(m_topic->findText(m_wantedTopic));
        m_wantedTopic.clear();
    }
    syncTopics();
    updateAutoState();
}

// Enables what the selected topic allows; disabled actions say why.
void ProducerPanel::syncTopics()
{
    auto snap = m_bridge.snapshot();
    const kl::TopicSnapshot *topic = snap ? snap->topic(m_topic->currentText().toStdString()) : nullptr;
    const bool haveTopic = topic != nullptr;
    m_send->setEnabled(haveTopic);
    m_send->setToolTip(haveTopic ? tr("Send one record to %1").arg(m_topic->currentText())
                                 : tr("Create a topic first (Topics panel)"));
    if (topic) {
        const int partitions = static_cast<int>(topic->partitions.size());
        if (m_partition->maximum() != partitions - 1)
            m_partition->setMaximum(std::max(0, partitions - 1));
    }
    updateAutoState();
}

kl::ProduceRequest ProducerPanel::buildRequest() const
{
    kl::ProduceRequest request;
    request.topic = m_topic->currentText().toStdString();
    kl::ProduceRecord record;
    if (!m_nullKey->isChecked())
        record.key = m_key->text().toStdString();
    record.value = m_value->toPlainText().toStdString();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *k = m_headers->item(row, 0);
        const QTableWidgetItem *v = m_headers->item(row, 1);
        if (!k || k->text().isEmpty())
            continue; // an empty row is a row the user has not filled yet
        kl::RecordHeader header;
        header.key = k->text().toStdString();
        if (v)
            header.value = v->text().toStdString();
        record.headers.push_back(std::move(header));
    }
    request.records.push_back(std::move(record));
    if (m_partition->value() >= 0)
        request.partition = m_partition->value();
    request.partitioner = static_cast<kl::PartitionerKind>(m_partitioner->currentData().toInt());
    request.compression = static_cast<kl::Compression>(m_compression->currentData().toInt());
    request.acks = static_cast<kl::Acks>(m_acks->currentData().toInt());
    const int idempotence = m_idempotence->currentData().toInt();
    if (idempotence != 0)
        request.idempotence = idempotence > 0;
    return request;
}

// Whether the next send is idempotent, as Java 3.0+ decides it: on by default with acks=all,
// silently off with acks 0/1, refused when set to true with acks 0/1.
void ProducerPanel::updateIdempotenceState()
{
    const auto acks = static_cast<kl::Acks>(m_acks->currentData().toInt());
    const int idempotence = m_idempotence->currentData().toInt();
    const QString acksText = QString::fromUtf8(kl::acksName(acks).data());
    QString text, why;
    bool bad = false;
    if (idempotence < 0) {
        text = tr("off");
        why = tr("Idempotence off (enable.idempotence=false): batches carry no producer id; a "
                 "resent batch may be written twice.");
    } else if (acks != kl::Acks::All) {
        if (idempotence > 0) {
            bad = true;
            text = tr("needs acks=all");
            why = tr("enable.idempotence=true needs acks=all: with acks=%1 Java's producer refuses "
                     "to start (ConfigException) and the send is refused.").arg(acksText);
        } else {
            text = tr("off (acks=%1)").arg(acksText);
            why = tr("Idempotence off: acks=%1 turns the default enable.idempotence off (Java 3.0+ "
                     "does it without a warning); batches carry no producer id.").arg(acksText);
        }
    } else if (m_producerId >= 0) {
        text = tr("on: producer id %1, epoch %2").arg(m_producerId).arg(m_producerEpoch);
        why = tr("Idempotent: producer id %1, epoch %2; each batch carries its sequence number per "
                 "partition.").arg(m_producerId).arg(m_producerEpoch);
    } else {
        text = tr("on");
        why = tr("Idempotent: the producer id and epoch come with the first send (InitProducerId).");
    }
    m_idempotenceState->setToolTip(why);
    m_idempotenceState->setText(text);
    m_idempotenceState->setStyleSheet(bad ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #555;"));
}

void ProducerPanel::onSend()
{
    if (m_topic->currentText().isEmpty()) {
        m_sendError->setText(tr("Choose a topic first."));
        m_sendError->show();
        return;
    }
    m_sendError->hide();
    kl::ProduceRequest request = buildRequest();
    Pending pending{request.records.front().key, request.acks};
    const quint64 id = m_bridge.produce(std::move(request));
    m_pending.insert(id, std::move(pending));
}

QString ProducerPanel::acksOutcome(kl::Acks acks)
{
    switch (acks) {
    case kl::Acks::None: return tr("sent, no acknowledgement awaited (acks=0)");
    case kl::Acks::Leader: return tr("acknowledged by the leader (acks=1)");
    case kl::Acks::All: return tr("acknowledged by every in-sync replica (acks=all)");
    }
    return {};
}

void ProducerPanel::onProduceAnswered(quint64 requestId, const kl::ProduceResult &result)
{
    // The bridge reports every produce; only ours are in m_pending.
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    const QString topic = QString::fromStdString(result.topic);
    const QString acksName = QString::fromUtf8(kl::acksName(pending.acks).data());
    if (!result.status.isOk()) {
        showError(m_sendError, result.status);
        const kl::ErrorCode code = result.status.code();
        m_results->append(
            QStringLiteral("<span style=\"color:#c62828\">✗ <b>%1</b> %2: %3<br/>%4</span>")
                .arg(esc(tr("refused (acks=%1)").arg(acksName)),
                     esc(topic.isEmpty() ? m_topic->currentText() : topic),
                     esc(QString::fromUtf8(kl::errorName(code).data())),
                     esc(QString::fromUtf8(kl::errorDescription(code).data()) + QStringLiteral(" — ")
                         + QString::fromStdString(result.status.message()))));
        return;
    }
    m_sendError->hide();
    if (result.idempotent && (result.producerId != m_producerId || result.producerEpoch != m_producerEpoch)) {
        m_producerId = result.producerId;
        m_producerEpoch = result.producerEpoch;
        updateIdempotenceState();
    }
    // The swatch shows the key's colour in the topic view (same function as its cells).
    const QColor colour = !pending.key ? keycolors::nullKeyColor()
                                       : keycolors::keyColor(static_cast<uint32_t>(
                                             kl::toPositive(kl::murmur2(*pending.key))));
    for (const kl::ProduceOutcome &o : result.records) {
        const QString where = tr("→ %1-%2 @ offset %3").arg(topic).arg(o.partition).arg(o.offset);
        QString producer;
        if (result.idempotent)
            producer = tr("producer id %1, epoch %2, sequence %3")
                           .arg(result.producerId).arg(result.producerEpoch).arg(o.sequence);
        if (o.duplicate)
            producer += QStringLiteral(" — ") + tr("a duplicate: the leader already had it and answered "
                                                   "with its first offset");
        m_results->append(QStringLiteral("<span style=\"color:%1\">■</span> <b>%2</b> "
                                         "<span style=\"color:#2e7d32\">✓ %3</span><br/>"
                                         "<span style=\"color:#555\">%4%5</span>")
                              .arg(colour.name(), esc(where), esc(acksOutcome(pending.acks)),
                                   esc(QString::fromStdString(o.explanation)),
                                   producer.isEmpty() ? QString() : QStringLiteral("<br/>") + esc(producer)));
    }
    emit recordsSent(result);
}

void ProducerPanel::showError(QLabel *label, const kl::Status &status)
{
    label->setText(tr("%1: %2\n%3")
                       .arg(QString::fromUtf8(kl::errorName(status.code()).data()),
                            QString::fromUtf8(kl::errorDescription(status.code()).data()),
                            QString::fromStdString(status.message())));
    label->show();
}

void ProducerPanel::onStartAuto()
{
    if (m_topic->currentText().isEmpty() || m_autoStarting)
        return;
    kl::AutoProducerSpec spec;
    spec.topic = m_topic->currentText().toStdString();
    spec.ratePerSec = m_rate->value();
    spec.count = m_count->value();
    spec.distribution = static_cast<kl::KeyDistribution>(m_distribution->currentData().toInt());
    spec.keyCount = m_keyCount->value();
    spec.zipfExponent = m_zipf->value();
    spec.valueSize = m_valueSize->value();
    spec.partitioner = static_cast<kl::PartitionerKind>(m_partitioner->currentData().toInt());
    spec.compression = static_cast<kl::Compression>(m_compression->currentData().toInt());
    spec.acks = static_cast<kl::Acks>(m_acks->currentData().toInt());
    if (const int idempotence = m_idempotence->currentData().toInt(); idempotence != 0)
        spec.idempotence = idempotence > 0;
    m_autoStarting = true;
    m_autoError->hide();
    m_bridge.startAutoProducer(spec);
    updateAutoState();
}

void ProducerPanel::onAutoStarted(quint64, const kl::Status &status)
{
    if (!m_autoStarting)
        return; // started by someone else (a lesson, the CLI)
    m_autoStarting = false;
    if (!status.isOk())
        showError(m_autoError, status);
    else
        m_autoError->hide();
    updateAutoState();
}


void ProducerPanel::updateAutoState()
{
    if (!m_start)
        return; // called while the send group is built
    auto snap = m_bridge.snapshot();
    m_autoList->setSnapshot(snap.get());
    // Several auto-producers may run at once (on one topic or many); each is listed below
    // with its own Stop.
    const bool haveTopic = snap && snap->topic(m_topic->currentText().toStdString());
    m_start->setEnabled(haveTopic && !m_autoStarting);
    m_start->setToolTip(!haveTopic     ? tr("Create a topic first (Topics panel)")
                        : m_autoStarting ? tr("Starting an auto-producer: wait for the engine's answer")
                                         : tr("Start sending generated records to %1")
                                               .arg(m_topic->currentText()));
    m_autoStatus->setText(m_autoStarting ? tr("starting…") : QString());
    m_autoStatus->setVisible(m_autoStarting);
}
