// TopicAdminPanel: create a topic (name, partitions, replication factor, segment.bytes,
// retention.ms, retention.bytes), add partitions to the current topic, delete it (confirmed).
// Input is validated before anything is sent and every problem is shown next to its field;
// an engine refusal (Bridge::topicCommandFinished with a non-OK Status) is shown next to the
// field it concerns. Nothing typed is cleared on error.
// Deleting asks for confirmation unless the dynamic property "skipDeleteConfirmation" is true
// (tests, scripted lessons).
// Owns only its child widgets; the Bridge outlives it. GUI thread only.
#pragma once

#include "core/status.h"

#include <QString>
#include <QWidget>

class Bridge;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

class TopicAdminPanel : public QWidget {
    Q_OBJECT
public:
    explicit TopicAdminPanel(Bridge &bridge, QWidget *parent = nullptr);

    // Pure validation used by the form (and tests): an empty string means valid.
    static QString validateName(const QString &name);
    // Kafka's (or the lab's) refusal to create an internal topic by hand; empty if none.
    static QString internalCreateProblem(const QString &name);
    static QString validatePartitions(int partitions);
    static QString validateReplicationFactor(int rf, int brokerCount);

public slots:
    void setCurrentTopic(const QString &topic);

private slots:
    void onCreate();
    void onAddPartitions();
    void onDelete();
    void onCommandFinished(const QString &action, const QString &topic, const kl::Status &status);
    void onSnapshotUpdated();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QWidget *buildCreateGroup();
    QWidget *buildCurrentGroup();
    void clearCreateErrors();
    void setError(QLabel *label, const QString &text);
    QLabel *errorLabelFor(const kl::Status &status, const QString &action) const;
    int brokerCount() const;
    int currentPartitionCount() const;

    Bridge &m_bridge;
    QString m_current;
    // create
    QLineEdit *m_name = nullptr;
    QGroupBox *m_createGroup = nullptr;
    QFormLayout *m_createForm = nullptr;
    QGroupBox *m_currentGroup = nullptr;
    QFormLayout *m_currentForm = nullptr;
    QLabel *m_nameError = nullptr;
    QSpinBox *m_partitions = nullptr;
    QLabel *m_partitionsError = nullptr;
    QSpinBox *m_rf = nullptr;
    QLabel *m_rfError = nullptr;
    QLineEdit *m_segmentBytes = nullptr;
    QLabel *m_segmentBytesError = nullptr;
    QLineEdit *m_retentionMs = nullptr;
    QLabel *m_retentionMsError = nullptr;
    QLineEdit *m_retentionBytes = nullptr;
    QLabel *m_retentionBytesError = nullptr;
    QPushButton *m_create = nullptr;
    QLabel *m_createStatus = nullptr;
    // current topic
    QLabel *m_currentLabel = nullptr;
    QSpinBox *m_newTotal = nullptr;
    QLabel *m_newTotalError = nullptr;
    QPushButton *m_addPartitions = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_deleteError = nullptr;
    QString m_pendingCreate;           // name of the topic we asked to create
};
