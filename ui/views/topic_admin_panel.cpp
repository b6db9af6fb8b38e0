#include "views/topic_admin_panel.h"

#include "api/commands.h"
#include "bridge/bridge.h"
#include "core/error_code.h"
#include "core/topic_name.h"
#include "views/retranslate.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cstdint>
#include <limits>
#include <optional>

namespace {

// Spin boxes accept out-of-range counts on purpose: the form explains why 0 or 5000 partitions
// is refused instead of silently clamping what was typed.
constexpr int kSpinCeiling = 100000;

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

// A field with its error label directly under it.
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    l->addWidget(field);
    l->addWidget(error);
    return w;
}

std::optional<int64_t> parseInt64(const QString &text)
{
    bool ok = false;
    const qlonglong v = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<int64_t>(v) : std::nullopt;
}

QString describeStatus(const kl::Status &status)
{
    return TopicAdminPanel::tr("%1: %2\n%3")
        .arg(QString::fromUtf8(kl::errorName(status.code()).data()),
             QString::fromUtf8(kl::errorDescription(status.code()).data()),
             QString::fromStdString(status.message()));
}

} // namespace

TopicAdminPanel::TopicAdminPanel(Bridge &bridge, QWidget *parent) : QWidget(parent), m_bridge(bridge)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildCreateGroup());
    layout->addWidget(buildCurrentGroup());
    layout->addStretch(1);
    connect(&m_bridge, &Bridge::topicCommandFinished, this, &TopicAdminPanel::onCommandFinished);
    connect(&m_bridge, &Bridge::snapshotUpdated, this, &TopicAdminPanel::onSnapshotUpdated);
    retranslateUi();
}

void TopicAdminPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// Texts only: typed values and shown errors stay.
void TopicAdminPanel::retranslateUi()
{
    using retranslate::setFormLabel;
    m_createGroup->setTitle(tr("Create topic"));
    m_name->setPlaceholderText(tr("e.g. orders"));
    m_name->setToolTip(tr("1 to 249 characters: a-z, A-Z, 0-9, '.', '_' and '-'; not \".\" or \"..\""));
    setFormLabel(m_createForm, m_name, tr("Name"));
    m_partitions->setToolTip(tr("Partitions are the unit of parallelism and ordering: a key's "
                                "records stay in order within one partition."));
    setFormLabel(m_createForm, m_partitions, tr("Partitions"));
    m_rf->setToolTip(tr("Copies of each partition, on different brokers: at most the broker count."));
    setFormLabel(m_createForm, m_rf, tr("Replication factor"));
    m_segmentBytes->setToolTip(tr("segment.bytes: the active segment rolls when it reaches this "
                                  "size (Kafka's default is 1 GiB; here 1 MiB so rolls are visible)."));
    setFormLabel(m_createForm, m_segmentBytes, tr("segment.bytes"));
    m_retentionMs->setToolTip(tr("retention.ms: closed segments whose newest record is older than "
                                 "this are deleted; -1 = keep forever."));
    setFormLabel(m_createForm, m_retentionMs, tr("retention.ms"));
    m_retentionBytes->setToolTip(tr("retention.bytes: per partition; the oldest segments are "
                                    "deleted while the log is larger; -1 = unlimited."));
    setFormLabel(m_createForm, m_retentionBytes, tr("retention.bytes"));
    m_create->setText(tr("Create"));

    m_currentGroup->setTitle(tr("Current topic"));
    setFormLabel(m_currentForm, m_currentLabel, tr("Topic"));
    m_newTotal->setToolTip(tr("The new TOTAL partition count. Partitions can only be added; keyed "
                              "records then map to other partitions (hash % N changed)."));
    m_addPartitions->setText(tr("Add partitions"));
    setFormLabel(m_currentForm, m_newTotal, tr("New total"));
    m_delete->setText(tr("Delete topic…"));
    onSnapshotUpdated();
}

QWidget *TopicAdminPanel::buildCreateGroup()
{
    auto *group = m_createGroup = new QGroupBox(this);
    auto *form = m_createForm = new QFormLayout(group);

    m_name = new QLineEdit(group);
    m_name->setObjectName(QStringLiteral("topicName"));
    m_nameError = makeErrorLabel(group, QStringLiteral("topicNameError"));
    form->addRow(QString(), withError(m_name, m_nameError, group));

    m_partitions = new QSpinBox(group);
    m_partitions->setObjectName(QStringLiteral("topicPartitions"));
    m_partitions->setRange(0, kSpinCeiling);
    m_partitions->setValue(3);
    m_partitionsError = makeErrorLabel(group, QStringLiteral("topicPartitionsError"));
    form->addRow(QString(), withError(m_partitions, m_partitionsError, group));

    m_rf = new QSpinBox(group);
    m_rf->setObjectName(QStringLiteral("topicReplicationFactor"));
    m_rf->setRange(0, 99);
    m_rf->setValue(1);
    m_rfError = makeErrorLabel(group, QStringLiteral("topicReplicationFactorError"));
    form->addRow(QString(), withError(m_rf, m_rfError, group));

    const kl::LogConfig defaults;
    m_segmentBytes = new QLineEdit(QString::number(defaults.segmentBytes), group);
    m_segmentBytes->setObjectName(QStringLiteral("topicSegmentBytes"));
    m_segmentBytesError = makeErrorLabel(group, QStringLiteral("topicSegmentBytesError"));
    form->addRow(QString(), withError(m_segmentBytes, m_segmentBytesError, group));

    m_retentionMs = new QLineEdit(QString::number(defaults.retentionMs), group);
    m_retentionMs->setObjectName(QStringLiteral("topicRetentionMs"));
    m_retentionMsError = makeErrorLabel(group, QStringLiteral("topicRetentionMsError"));
    form->addRow(QString(), withError(m_retentionMs, m_retentionMsError, group));

    m_retentionBytes = new QLineEdit(QString::number(defaults.retentionBytes), group);
    m_retentionBytes->setObjectName(QStringLiteral("topicRetentionBytes"));
    m_retentionBytesError = makeErrorLabel(group, QStringLiteral("topicRetentionBytesError"));
    form->addRow(QString(), withError(m_retentionBytes, m_retentionBytesError, group));

    m_create = new QPushButton(group);
    m_create->setObjectName(QStringLiteral("topicCreate"));
    connect(m_create, &QPushButton::clicked, this, &TopicAdminPanel::onCreate);
    connect(m_name, &QLineEdit::returnPressed, this, &TopicAdminPanel::onCreate);
    m_createStatus = new QLabel(group);
    m_createStatus->setObjectName(QStringLiteral("topicCreateStatus"));
    m_createStatus->setWordWrap(true);
    m_createStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_create);
    form->addRow(QString(), m_createStatus);

    // Editing a field retires its old complaint; the next Create checks again.
    auto clearOnEdit = [this](QLineEdit *edit, QLabel *error) {
        connect(edit, &QLineEdit::textEdited, error, [this, error] { setError(error, {}); });
    };
    clearOnEdit(m_name, m_nameError);
    clearOnEdit(m_segmentBytes, m_segmentBytesError);
    clearOnEdit(m_retentionMs, m_retentionMsError);
    clearOnEdit(m_retentionBytes, m_retentionBytesError);
    connect(m_partitions, &QSpinBox::valueChanged, this, [this] { setError(m_partitionsError, {}); });
    connect(m_rf, &QSpinBox::valueChanged, this, [this] { setError(m_rfError, {}); });
    return group;
}

QWidget *TopicAdminPanel::buildCurrentGroup()
{
    auto *group = m_currentGroup = new QGroupBox(this);
    auto *form = m_currentForm = new QFormLayout(group);

    m_currentLabel = new QLabel(group);
    m_currentLabel->setObjectName(QStringLiteral("currentTopicLabel"));
    form->addRow(QString(), m_currentLabel);

    m_newTotal = new QSpinBox(group);
    m_newTotal->setObjectName(QStringLiteral("newPartitionTotal"));
    m_newTotal->setRange(0, kSpinCeiling);
    m_newTotalError = makeErrorLabel(group, QStringLiteral("newPartitionTotalError"));
    connect(m_newTotal, &QSpinBox::valueChanged, this, [this] { setError(m_newTotalError, {}); });
    m_addPartitions = new QPushButton(group);
    m_addPartitions->setObjectName(QStringLiteral("addPartitions"));
    connect(m_addPartitions, &QPushButton::clicked, this, &TopicAdminPanel::onAddPartitions);
    auto *row = new QHBoxLayout;
    row->addWidget(m_newTotal, 1);
    row->addWidget(m_addPartitions);
    auto *rowWidget = new QWidget(group);
    rowWidget->setLayout(row);
    row->setContentsMargins(0, 0, 0, 0);
    form->addRow(QString(), withError(rowWidget, m_newTotalError, group));

    m_delete = new QPushButton(group);
    m_delete->setObjectName(QStringLiteral("deleteTopic"));
    connect(m_delete, &QPushButton::clicked, this, &TopicAdminPanel::onDelete);
    m_deleteError = makeErrorLabel(group, QStringLiteral("deleteTopicError"));
    form->addRow(QString(), withError(m_delete, m_deleteError, group));
    return group;
}

// ---------------------------------------------------------------- validation

QString TopicAdminPanel::validateName(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    const kl::Status s = kl::validateTopicName(std::string_view(utf8.constData(),
                                                                static_cast<size_t>(utf8.size())));
    if (s.isOk())
        return {};
    // Say which rule broke in the user's language; the engine's rule is the authority.
    if (name.isEmpty())
        return tr("Enter a topic name.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return tr("\".\" and \"..\" are not allowed as topic names.");
    if (name.size() > kl::kMaxTopicNameLength)
        return tr("The name has %1 characters; at most %2 are allowed.")
            .arg(name.size()).arg(kl::kMaxTopicNameLength);
    static const QRegularExpression illegal(QStringLiteral("[^a-zA-Z0-9._-]"));
    const QRegularExpressionMatch m = illegal.match(name);
    if (m.hasMatch())
        return tr("'%1' at position %2 is not allowed: use only letters a-z A-Z, digits, '.', '_' "
                  "and '-'.").arg(m.captured(0)).arg(m.capturedStart() + 1);
    return QString::fromStdString(s.message());
}

QString TopicAdminPanel::internalCreateProblem(const QString &name)
{
    if (name == QLatin1String(kl::kClusterMetadataTopic.data()))
        return tr("Kafka refuses this (INVALID_REQUEST): creation of internal topic __cluster_metadata "
                  "is prohibited. It is the KRaft controllers' metadata log, not a topic.");
    if (name == QLatin1String(kl::kConsumerOffsetsTopic.data()))
        return tr("Kafka Lab refuses this; Apache Kafka 4.x would create it, but its group coordinators "
                  "keep hashing group ids over offsets.topic.num.partitions (50) until the brokers "
                  "restart, so groups could find no coordinator. The lab creates __consumer_offsets "
                  "itself, with 50 partitions, when the first consumer group starts.");
    return {};
}

QString TopicAdminPanel::validatePartitions(int partitions)
{
    if (partitions < 1)
        return tr("A topic needs at least 1 partition.");
    if (partitions > kl::kMaxPartitions)
        return tr("At most %1 partitions per topic in this lab.").arg(kl::kMaxPartitions);
    return {};
}

QString TopicAdminPanel::validateReplicationFactor(int rf, int brokerCount)
{
    if (rf < 1)
        return tr("The replication factor must be at least 1.");
    if (rf > brokerCount)
        return tr("Replication factor %1 needs %1 brokers; the cluster has %n.", nullptr, brokerCount)
            .arg(rf);
    return {};
}

void TopicAdminPanel::setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void TopicAdminPanel::clearCreateErrors()
{
    for (QLabel *l : {m_nameError, m_partitionsError, m_rfError, m_segmentBytesError,
                      m_retentionMsError, m_retentionBytesError})
        setError(l, {});
    m_createStatus->clear();
}

int TopicAdminPanel::brokerCount() const
{
    auto snap = m_bridge.snapshot();
    return snap ? static_cast<int>(snap->brokers.size()) : 0;
}

int TopicAdminPanel::currentPartitionCount() const
{
    auto snap = m_bridge.snapshot();
    const kl::TopicSnapshot *t = snap ? snap->topic(m_current.toStdString()) : nullptr;
    return t ? static_cast<int>(t->partitions.size()) : -1;
}

// ---------------------------------------------------------------- actions

void TopicAdminPanel::onCreate()
{
    clearCreateErrors();
    bool valid = true;
    auto check = [&](QLabel *label, const QString &problem) {
        if (!problem.isEmpty()) {
            setError(label, problem);
            valid = false;
        }
    };
    const QString name = m_name->text();
    QString nameProblem = validateName(name);
    if (nameProblem.isEmpty()) {
        // Kafka refuses names that exist or collide ('.' vs '_'); say so before sending.
        if (auto snap = m_bridge.snapshot()) {
            const std::string n = name.toStdString();
            for (const auto &t : snap->topics) {
                if (t.name == n) {
                    nameProblem = tr("Topic %1 already exists.").arg(name);
                    break;
                }
                if (kl::topicNamesCollide(t.name, n)) {
                    nameProblem = tr("Collides with topic %1: '.' and '_' mean the same in metric "
                                     "names.").arg(QString::fromStdString(t.name));
                    break;
                }
            }
        }
    }
    if (nameProblem.isEmpty())
        nameProblem = internalCreateProblem(name);
    check(m_nameError, nameProblem);
    check(m_partitionsError, validatePartitions(m_partitions->value()));
    check(m_rfError, validateReplicationFactor(m_rf->value(), brokerCount()));

    kl::TopicConfig config;
    config.partitions = m_partitions->value();
    config.replicationFactor = m_rf->value();
    const auto segmentBytes = parseInt64(m_segmentBytes->text());
    if (!segmentBytes)
        check(m_segmentBytesError, tr("Enter a whole number of bytes."));
    else if (*segmentBytes < 1024 || *segmentBytes > std::numeric_limits<int32_t>::max())
        check(m_segmentBytesError, tr("Must be between 1024 and %1 bytes.")
                                       .arg(std::numeric_limits<int32_t>::max()));
    else
        config.log.segmentBytes = *segmentBytes;
    const auto retentionMs = parseInt64(m_retentionMs->text());
    if (!retentionMs || *retentionMs < -1)
        check(m_retentionMsError, tr("Enter milliseconds, or -1 to keep forever."));
    else
        config.log.retentionMs = *retentionMs;
    const auto retentionBytes = parseInt64(m_retentionBytes->text());
    if (!retentionBytes || *retentionBytes < -1)
        check(m_retentionBytesError, tr("Enter bytes, or -1 for no size limit."));
    else
        config.log.retentionBytes = *retentionBytes;

    if (!valid)
        return;
    m_pendingCreate = name;
    m_createStatus->setText(tr("Creating %1…").arg(name));
    m_bridge.createTopic(name, config);
}

void TopicAdminPanel::onAddPartitions()
{
    setError(m_newTotalError, {});
    const int current = currentPartitionCount();
    if (current < 0) {
        setError(m_newTotalError, tr("Choose a topic first."));
        return;
    }
    const int total = m_newTotal->value();
    if (total < current) {
        setError(m_newTotalError, tr("Kafka cannot remove partitions: %1 has %2; enter a larger "
                                     "total.").arg(m_current).arg(current));
        return;
    }
    if (total == current) {
        setError(m_newTotalError, tr("%1 already has %2 partitions: enter the new total, larger "
                                     "than %2.").arg(m_current).arg(current));
        return;
    }
    if (const QString p = validatePartitions(total); !p.isEmpty()) {
        setError(m_newTotalError, p);
        return;
    }
    if (m_current == QLatin1String(kl::kConsumerOffsetsTopic.data())) {
        setError(m_newTotalError,
                 tr("Kafka Lab refuses this; Apache Kafka 4.x would add the partitions, but a group's "
                    "coordinator is the leader of partition hash(group.id) % partition count, so after "
                    "the next broker restart groups would move to partitions that hold none of their "
                    "committed offsets."));
        return;
    }
    m_bridge.createPartitions(m_current, total);
}

void TopicAdminPanel::onDelete()
{
    setError(m_deleteError, {});
    if (currentPartitionCount() < 0) {
        setError(m_deleteError, tr("Choose a topic first."));
        return;
    }
    if (m_current == QLatin1String(kl::kConsumerOffsetsTopic.data())) {
        setError(m_deleteError,
                 tr("Kafka Lab refuses this; Apache Kafka 4.x would delete __consumer_offsets, and every "
                    "consumer group would lose its committed offsets and its coordinator's state."));
        return;
    }
    if (!property("skipDeleteConfirmation").toBool()) {
        const auto answer = QMessageBox::question(
            this, tr("Delete topic"),
            tr("Delete topic %1 and all its records and segment files? This cannot be undone.")
                .arg(m_current));
        if (answer != QMessageBox::Yes)
            return;
    }
    m_bridge.deleteTopic(m_current);
}

QLabel *TopicAdminPanel::errorLabelFor(const kl::Status &status, const QString &action) const
{
    if (action == QLatin1String("partitions"))
        return m_newTotalError;
    if (action == QLatin1String("delete"))
        return m_deleteError;
    switch (status.code()) {
    case kl::ErrorCode::InvalidTopicException:
    case kl::ErrorCode::InvalidRequest:  // creation of __cluster_metadata
    case kl::ErrorCode::PolicyViolation: // the lab's refusals for __consumer_offsets
    case kl::ErrorCode::TopicAlreadyExists: return m_nameError;
    case kl::ErrorCode::InvalidPartitions: return m_partitionsError;
    case kl::ErrorCode::InvalidReplicationFactor:
    case kl::ErrorCode::InvalidReplicaAssignment: return m_rfError;
    case kl::ErrorCode::InvalidConfig: {
        // The engine names the config first: "segment.bytes must be at least 1024, got 10".
        const std::string &m = status.message();
        if (m.rfind("segment.bytes", 0) == 0)
            return m_segmentBytesError;
        if (m.rfind("retention.ms", 0) == 0)
            return m_retentionMsError;
        if (m.rfind("retention.bytes", 0) == 0)
            return m_retentionBytesError;
        return m_createStatus;
    }
    default: return m_createStatus;
    }
}

void TopicAdminPanel::onCommandFinished(const QString &action, const QString &topic,
                                        const kl::Status &status)
{
    if (action == QLatin1String("create")) {
        if (topic != m_pendingCreate)
            return; // created elsewhere (a lesson, the CLI)
        m_pendingCreate.clear();
        if (status.isOk()) {
            if (kl::isInternalTopic(topic.toStdString()))
                m_createStatus->setText(
                    tr("Created %1. Apache Kafka 4.x accepts this name too, but it is one of Kafka's "
                       "internal topics: the producer and group lists hide it, and the Cluster view "
                       "shows it under \"Show internal topics\".").arg(topic));
            else
                m_createStatus->setText(tr("Created %1.").arg(topic));
            return;
        }
        m_createStatus->clear();
        QLabel *label = errorLabelFor(status, action);
        if (label == m_createStatus)
            m_createStatus->setText(describeStatus(status));
        else
            setError(label, describeStatus(status));
        return;
    }
    if (topic != m_current)
        return;
    if (status.isOk()) {
        if (action == QLatin1String("partitions"))
            setError(m_newTotalError, {});
        return;
    }
    setError(errorLabelFor(status, action), describeStatus(status));
}

void TopicAdminPanel::setCurrentTopic(const QString &topic)
{
    if (topic == m_current)
        return;
    m_current = topic;
    setError(m_newTotalError, {});
    setError(m_deleteError, {});
    const int count = currentPartitionCount();
    if (count > 0)
        m_newTotal->setValue(count + 1);
    onSnapshotUpdated();
}

void TopicAdminPanel::onSnapshotUpdated()
{
    const int count = currentPartitionCount();
    const bool exists = count >= 0;
    if (m_current.isEmpty())
        m_currentLabel->setText(tr("(none selected)"));
    else if (!exists)
        m_currentLabel->setText(tr("%1 (does not exist)").arg(m_current));
    else
        m_currentLabel->setText(tr("%1 — %n partition(s)", nullptr, count).arg(m_current));
    const QString why = exists ? QString() : tr("Select an existing topic first");
    m_addPartitions->setEnabled(exists);
    m_addPartitions->setToolTip(exists ? tr("Grow %1 to the new total").arg(m_current) : why);
    m_delete->setEnabled(exists);
    m_delete->setToolTip(exists ? tr("Delete %1 and its files").arg(m_current) : why);
    m_newTotal->setEnabled(exists);

    const int brokers = brokerCount();
    m_create->setEnabled(brokers > 0);
    m_create->setToolTip(brokers > 0 ? tr("Validate and create the topic")
                                     : tr("The cluster has not started yet"));
}
