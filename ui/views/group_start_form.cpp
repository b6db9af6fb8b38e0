// GroupStartForm: fields, errors under them, start.
#include "views/group_start_form.h"

#include "core/topic_name.h"
#include "models/units.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

// A two-line hint that asks for no width of its own, so the columns (and the errors in them)
// keep the widths the fields give them. Not word-wrapped: a height-for-width label would let
// the rows above move when an error appears.
class WrappedHint : public QLabel {
public:
    using QLabel::QLabel;
    QSize sizeHint() const override { return {0, QLabel::sizeHint().height()}; }
    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }
};

} // namespace

GroupStartForm::GroupStartForm(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("groupStartForm"));
    setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(8, 6, 8, 6);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);

    // Each field's label and tooltip are set by retranslateUi, in this order.
    auto place = [this, grid](int row, int col, QWidget *field, QLabel *&error) {
        auto *l = new QLabel(this);
        m_fields.append({l, field});
        error = new QLabel(this);
        error->setStyleSheet(QStringLiteral("color:#c62828; font-size:11px"));
        error->setWordWrap(true);
        // The error's line is kept while hidden: the fields below do not move when it appears.
        error->ensurePolished(); // its style sheet's font
        error->setMinimumHeight(error->fontMetrics().lineSpacing() * 3 / 2 + 2);
        QSizePolicy policy = error->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        error->setSizePolicy(policy);
        error->hide();
        auto *cell = new QVBoxLayout;
        cell->setSpacing(0);
        cell->addWidget(field);
        cell->addWidget(error);
        cell->addStretch(1); // field at the top of its row, next to its label
        grid->addWidget(l, row, col * 2, Qt::AlignTop | Qt::AlignLeft);
        grid->addLayout(cell, row, col * 2 + 1);
    };

    m_groupId = new QLineEdit(QStringLiteral("orders-app"), this);
    m_groupId->setObjectName(QStringLiteral("formGroupId"));
    place(0, 0, m_groupId, m_groupIdError);
    m_topics = new QComboBox(this);
    m_topics->setObjectName(QStringLiteral("formTopics"));
    m_topics->setEditable(true);
    m_topics->setInsertPolicy(QComboBox::NoInsert);
    connect(m_topics->lineEdit(), &QLineEdit::textEdited, this, [this] { m_topicsTyped = true; });
    connect(m_topics, &QComboBox::activated, this, [this] { m_topicsTyped = true; });
    place(0, 1, m_topics, m_topicsError);
    m_consumers = new QSpinBox(this);
    m_consumers->setObjectName(QStringLiteral("formConsumers"));
    m_consumers->setRange(0, 99);
    m_consumers->setValue(3);
    place(1, 0, m_consumers, m_consumersError);
    m_assignor = new QComboBox(this);
    m_assignor->setObjectName(QStringLiteral("formAssignor"));
    m_assignor->addItems(groupform::GroupForm::assignors());
    place(1, 1, m_assignor, m_assignorError);
    m_rate = new QSpinBox(this);
    m_rate->setObjectName(QStringLiteral("formRate"));
    m_rate->setRange(0, 100000);
    m_rate->setValue(100);
    place(2, 0, m_rate, m_rateError);
    m_session = new QSpinBox(this);
    m_session->setObjectName(QStringLiteral("formSession"));
    m_session->setRange(1000, groupform::kMaxSessionTimeoutMs);
    m_session->setSingleStep(1000);
    m_session->setValue(10000);
    place(2, 1, m_session, m_sessionError);
    m_sessionHint = new WrappedHint(this);
    m_sessionHint->setObjectName(QStringLiteral("formSessionHint"));
    m_sessionHint->setStyleSheet(QStringLiteral("color:#616161; font-size:11px"));
    grid->addWidget(m_sessionHint, 3, 2, 1, 2); // under its label and field, as wide as both
    m_autoCommit = new QCheckBox(this);
    m_autoCommit->setObjectName(QStringLiteral("formAutoCommit"));
    m_autoCommit->setChecked(true);
    grid->addWidget(m_autoCommit, 4, 0, 1, 3);
    m_start = new QPushButton(this);
    m_start->setObjectName(QStringLiteral("formStart"));
    connect(m_start, &QPushButton::clicked, this, [this] { submit(); });
    grid->addWidget(m_start, 4, 3, Qt::AlignRight);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    retranslateUi();
}

void GroupStartForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

// Texts only: what was typed and the errors shown stay.
void GroupStartForm::retranslateUi()
{
    const QString texts[][2] = {
        {tr("Group id"), tr("group.id: consumers with the same id share the partitions")},
        {tr("Topic(s)"), tr("subscribe(): one topic, or several separated by commas")},
        {tr("Consumers"), tr("How many simulated consumers start at once; more than partitions leaves some idle")},
        {tr("Assignor"), tr("partition.assignment.strategy: range, roundrobin, sticky (eager) or "
                            "cooperative-sticky (moves only what must move)")},
        {tr("Rate"), tr("Records per second each consumer processes; below the produce rate, lag grows")},
        {tr("Session timeout"), tr("session.timeout.ms: a member silent this long is removed and its partitions move "
                                   "(heartbeat.interval.ms is set to a third of it, at most 3000)")},
    };
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        m_fields[i].label->setText(texts[i][0]);
        m_fields[i].label->setToolTip(texts[i][1]);
        m_fields[i].field->setToolTip(texts[i][1]);
    }
    m_rate->setSuffix(tr(" rec/s"));
    m_session->setSuffix(Units::millisecondsSuffix());
    m_sessionHint->setText(tr("Kafka's default: 45000 ms\n(Kafka Lab uses 10000 for faster demos)"));
    m_autoCommit->setText(tr("auto-commit (enable.auto.commit, every 5 s)"));
    m_autoCommit->setToolTip(tr("Commit consumed offsets every auto.commit.interval.ms; records "
                                "read after the last commit are read again after a rebalance"));
    m_start->setText(tr("Start group"));
    m_start->setToolTip(tr("Start the consumers: they join, the leader assigns, the group becomes Stable"));
}

void GroupStartForm::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    QStringList names;
    for (const auto &t : m_snapshot->topics)
        if (!kl::isInternalTopicName(t.name))
            names << QString::fromStdString(t.name);
    QStringList shown;
    for (int i = 0; i < m_topics->count(); ++i)
        shown << m_topics->itemText(i);
    if (names != shown) {
        const QString text = m_topics->currentText();
        const QSignalBlocker block(m_topics);
        m_topics->clear();
        m_topics->addItems(names);
        m_topics->setEditText(text.isEmpty() && !names.isEmpty() ? names.front() : text);
    }
}

void GroupStartForm::suggestTopic(const QString &topic)
{
    // Follows the topic created or selected elsewhere until the user types topics of their own.
    if (!topic.isEmpty() && (!m_topicsTyped || m_topics->currentText().trimmed().isEmpty())) {
        m_topics->setEditText(topic);
        m_topicsTyped = false;
    }
}

groupform::Input GroupStartForm::input() const
{
    groupform::Input in;
    in.groupId = m_groupId->text();
    in.topics = m_topics->currentText();
    in.consumers = m_consumers->value();
    in.assignor = m_assignor->currentText();
    in.ratePerConsumer = m_rate->value();
    in.autoCommit = m_autoCommit->isChecked();
    in.sessionTimeoutMs = m_session->value();
    return in;
}

void GroupStartForm::setInput(const groupform::Input &in)
{
    m_groupId->setText(in.groupId);
    m_topics->setEditText(in.topics);
    m_consumers->setValue(in.consumers);
    m_assignor->setCurrentText(in.assignor);
    m_rate->setValue(static_cast<int>(in.ratePerConsumer));
    m_autoCommit->setChecked(in.autoCommit);
    m_session->setValue(in.sessionTimeoutMs);
}

bool GroupStartForm::submit()
{
    const groupform::Input in = input();
    const groupform::Errors errors =
        groupform::GroupForm::validate(in, m_snapshot ? *m_snapshot : kl::ClusterSnapshot{});
    showErrors(errors);
    if (errors.any())
        return false;
    emit startRequested(groupform::GroupForm::toSpec(in));
    return true;
}

void GroupStartForm::showErrors(const groupform::Errors &e)
{
    const std::pair<QLabel *, QString> pairs[] = {
        {m_groupIdError, e.groupId}, {m_topicsError, e.topics},   {m_consumersError, e.consumers},
        {m_assignorError, e.assignor}, {m_rateError, e.rate}, {m_sessionError, e.sessionTimeout}};
    for (const auto &[label, text] : pairs) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    }
}

QString GroupStartForm::errorText(const QString &field) const
{
    if (field == QLatin1String("groupId")) return m_groupIdError->text();
    if (field == QLatin1String("topics")) return m_topicsError->text();
    if (field == QLatin1String("consumers")) return m_consumersError->text();
    if (field == QLatin1String("assignor")) return m_assignorError->text();
    if (field == QLatin1String("rate")) return m_rateError->text();
    if (field == QLatin1String("sessionTimeout")) return m_sessionError->text();
    return {};
}
