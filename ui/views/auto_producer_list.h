// AutoProducerList: every auto-producer the engine runs, one row each (topic, sent / target,
// rate, running or finished) with its own Stop button, whoever started it: this panel, a
// lesson, a scenario or code calling Bridge::startAutoProducer directly. Rows come from the
// snapshot (kl::ClusterSnapshot::producers) and are updated in place, so a Stop button keeps
// its place under the mouse. Running producers are always listed; of the finished ones only
// the newest kMaxFinished (the engine keeps them all). A finished row's Stop is disabled with
// a tooltip saying why. Stop asks the Bridge; a refused stop is shown under the list.
// Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/snapshot.h"

#include <QMap>
#include <QWidget>

class Bridge;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace kl {
class Status;
}

class AutoProducerList : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxFinished = 3;

    explicit AutoProducerList(Bridge &bridge, QWidget *parent = nullptr);

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    // The Stop button of producer `id` (objectName "autoStop-<id>"), or null if not listed.
    QPushButton *stopButton(quint64 id) const;
    int runningCount() const;

public slots:
    void setSnapshot(const kl::ClusterSnapshot *snapshot);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        QWidget *widget = nullptr;
        QLabel *text = nullptr;
        QPushButton *stop = nullptr;
        kl::AutoProducerSnapshot last;
        bool stopping = false;
    };
    Row makeRow(const kl::AutoProducerSnapshot &p);
    void updateRow(Row &row);
    void onStopped(quint64 id, const kl::Status &status);
    void retranslateUi();

    Bridge &m_bridge;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QMap<quint64, Row> m_rows; // by producer id: oldest first
};
