// GroupStartForm: the small form that starts a group of simulated consumers: group id,
// topic(s), number of consumers, assignor, processing rate, auto-commit and session timeout.
// Input errors (groupform::GroupForm::validate against the latest snapshot) appear in red right
// under the field they concern; nothing is sent until the form is clean. Emits
// startRequested(spec); GUI thread only.
#pragma once

#include "api/commands.h"
#include "api/snapshot.h"
#include "models/group_form.h"

#include <QFrame>
#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

class GroupStartForm : public QFrame {
    Q_OBJECT
public:
    explicit GroupStartForm(QWidget *parent = nullptr);

    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);
    // Fills the topic field with the topic created or selected elsewhere, until the user types
    // or chooses topics here.
    void suggestTopic(const QString &topic);
    groupform::Input input() const;
    void setInput(const groupform::Input &input);
    // Validates; shows errors next to fields; emits startRequested when clean. Returns clean.
    bool submit();
    QString errorText(const QString &field) const; // "groupId", "topics", ... (tests)

signals:
    void startRequested(const kl::ConsumerGroupSpec &spec);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    struct Field {
        QLabel *label = nullptr;
        QWidget *field = nullptr;
    };
    QList<Field> m_fields; // labelled fields, in retranslateUi's order
    void showErrors(const groupform::Errors &errors);

    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    QLineEdit *m_groupId = nullptr;
    QComboBox *m_topics = nullptr;
    bool m_topicsTyped = false; // the user typed or chose topics: suggestTopic leaves them
    QSpinBox *m_consumers = nullptr;
    QComboBox *m_assignor = nullptr;
    QSpinBox *m_rate = nullptr;
    QCheckBox *m_autoCommit = nullptr;
    QSpinBox *m_session = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_groupIdError = nullptr;
    QLabel *m_topicsError = nullptr;
    QLabel *m_consumersError = nullptr;
    QLabel *m_assignorError = nullptr;
    QLabel *m_rateError = nullptr;
    QLabel *m_sessionError = nullptr;
    QLabel *m_sessionHint = nullptr; // Kafka's own default beside the lab's shorter one
};
