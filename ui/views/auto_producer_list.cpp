// AutoProducerList: one row per auto-producer from the snapshot, each with its Stop button.
#include "views/auto_producer_list.h"

#include "bridge/bridge.h"
#include "core/error_code.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <vector>

AutoProducerList::AutoProducerList(Bridge &bridge, QWidget *parent) : QWidget(parent), m_bridge(bridge)
{
    setObjectName(QStringLiteral("autoProducerList"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("autoProducersNone"));
    m_empty->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(m_empty);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(2);
    layout->addLayout(m_rowsLayout);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("autoStopError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);

    connect(&m_bridge, &Bridge::autoProducerStopped, this, &AutoProducerList::onStopped);
    retranslateUi();
}

void AutoProducerList::retranslateUi()
{
    m_empty->setText(tr("No auto-producer yet."));
    for (Row &row : m_rows)
        updateRow(row);
}

void AutoProducerList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QPushButton *AutoProducerList::stopButton(quint64 id) const
{
    const auto it = m_rows.constFind(id);
    return it == m_rows.cend() ? nullptr : it->stop;
}

int AutoProducerList::runningCount() const
{
    int n = 0;
    for (const Row &row : m_rows)
        n += row.last.running ? 1 : 0;
    return n;
}

void AutoProducerList::setSnapshot(const kl::ClusterSnapshot *snapshot)
{
    // Which producers to list: every running one, and the newest finished ones.
    std::vector<const kl::AutoProducerSnapshot *> shown;
    int finished = 0;
    if (snapshot) {
        for (auto it = snapshot->producers.rbegin(); it != snapshot->producers.rend(); ++it) {
            if (!it->running && finished++ >= kMaxFinished)
                continue;
            shown.push_back(&*it);
        }
    }
    QMap<quint64, const kl::AutoProducerSnapshot *> wanted;
    for (const kl::AutoProducerSnapshot *p : shown)
        wanted.insert(p->id, p);
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (!wanted.contains(it.key())) {
            delete it->widget;
            it = m_rows.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        auto row = m_rows.find(it.key());
        if (row == m_rows.end()) {
            row = m_rows.insert(it.key(), makeRow(**it));
            // Rows stay in id order (oldest first), whatever order they were created in.
            m_rowsLayout->insertWidget(static_cast<int>(std::distance(m_rows.begin(), row)), row->widget);
        }
        row->last = **it;
        if (!row->last.running)
            row->stopping = false;
        updateRow(*row);
    }
    m_empty->setVisible(m_rows.isEmpty());
}

AutoProducerList::Row AutoProducerList::makeRow(const kl::AutoProducerSnapshot &p)
{
    Row row;
    row.last = p;
    row.widget = new QWidget(this);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    row.text = new QLabel(row.widget);
    row.text->setObjectName(QStringLiteral("autoProducer-%1").arg(p.id));
    row.text->setWordWrap(true);
    row.stop = new QPushButton(row.widget);
    row.stop->setObjectName(QStringLiteral("autoStop-%1").arg(p.id));
    const quint64 id = p.id;
    connect(row.stop, &QPushButton::clicked, this, [this, id] {
        auto it = m_rows.find(id);
        if (it == m_rows.end() || !it->last.running)
            return;
        it->stopping = true;
        m_error->hide();
        updateRow(*it);
        m_bridge.stopAutoProducer(id);
    });
    layout->addWidget(row.text, 1);
    layout->addWidget(row.stop);
    return row;
}

void AutoProducerList::updateRow(Row &row)
{
    const kl::AutoProducerSnapshot &p = row.last;
    const QString target = p.target > 0 ? QString::number(p.target) : tr("∞");
    row.text->setText((p.running ? tr("#%1 %2: running, sent %3 of %4 at %5 rec/s")
                                 : tr("#%1 %2: finished, sent %3 of %4 (%5 rec/s)"))
                          .arg(p.id)
                          .arg(QString::fromStdString(p.topic))
                          .arg(p.sent)
                          .arg(target)
                          .arg(p.ratePerSec, 0, 'f', 1));
    row.text->setStyleSheet(p.running ? QString() : QStringLiteral("color:#666;"));
    row.stop->setText(tr("Stop"));
    row.stop->setEnabled(p.running && !row.stopping);
    row.stop->setToolTip(!p.running    ? tr("This auto-producer has already stopped")
                         : row.stopping ? tr("Stopping…")
                                        : tr("Stop auto-producer #%1 on %2")
                                              .arg(p.id)
                                              .arg(QString::fromStdString(p.topic)));
}

void AutoProducerList::onStopped(quint64 id, const kl::Status &status)
{
    auto it = m_rows.find(id);
    if (it != m_rows.end()) {
        it->stopping = false;
        updateRow(*it);
    }
    if (status.isOk())
        return;
    m_error->setText(tr("Stopping auto-producer #%1 failed: %2: %3")
                         .arg(id)
                         .arg(QString::fromUtf8(kl::errorName(status.code()).data()),
                              QString::fromStdString(status.message())));
    m_error->show();
}
