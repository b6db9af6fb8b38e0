// ProducerPanel: the right-hand "Producer" dock. Sends one record (key, value, headers,
// partition override, partitioner, compression) through Bridge::produce and shows, for each
// record, where it went and why (kl::ProduceOutcome::explanation), with the key's colour.
// Also starts auto-producers (rate, count, key distribution) and lists every auto-producer in
// the snapshot, whoever started it, each with its sent count and its own Stop
// (AutoProducerList). acks (0, 1, all) is chosen per send; each send's outcome is logged:
// acknowledged (and by whom), or refused with Kafka's error name and meaning (e.g.
// NOT_ENOUGH_REPLICAS), which is also shown next to the form. enable.idempotence (not set, as
// Kafka 3.0+'s default: on with acks=all; true; false) is chosen beside acks, and the panel says
// whether the producer is idempotent, with its producer id and epoch once the engine gave them,
// and each record's sequence number.
// Owns only its child widgets; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/commands.h"

#include <functional>
#include <optional>
#include <string>

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

class AutoProducerList;
class Bridge;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

class ProducerPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProducerPanel(Bridge &bridge, QWidget *parent = nullptr);

public slots:
    void setCurrentTopic(const QString &topic);
    // Fills the form with this key and value and sends it, as if typed (demos, screenshots).
    void sendRecord(const QString &key, const QString &value);

signals:
    // Emitted for each accepted send made from this panel (not for other produce results).
    void recordsSent(const kl::ProduceResult &result);

private slots:
    void onSnapshotUpdated();
    void onSend();
    void onProduceAnswered(quint64 requestId, const kl::ProduceResult &result);
    void onStartAuto();
    void onAutoStarted(quint64 id, const kl::Status &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QWidget *buildSendGroup();
    QWidget *buildAutoGroup();
    void syncTopics();
    void syncHeaderRows();
    void updateAutoState();
    void updateIdempotenceState();
    void showError(QLabel *label, const kl::Status &status);
    kl::ProduceRequest buildRequest() const;
    static QString acksOutcome(kl::Acks acks);

    Bridge &m_bridge;
    // send form
    QGroupBox *m_sendGroup = nullptr;
    QFormLayout *m_sendForm = nullptr;
    QHBoxLayout *m_keyRow = nullptr;
    QHBoxLayout *m_headerRow = nullptr;
    QHBoxLayout *m_idempotenceRow = nullptr;
    QPushButton *m_addHeader = nullptr;
    QPushButton *m_removeHeader = nullptr;
    QComboBox *m_topic = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_nullKey = nullptr;
    QPlainTextEdit *m_value = nullptr;
    QTableWidget *m_headers = nullptr;
    QSpinBox *m_partition = nullptr;   // minimum (-1) shows "auto"
    QComboBox *m_partitioner = nullptr;
    QComboBox *m_compression = nullptr;
    QComboBox *m_acks = nullptr;
    QComboBox *m_idempotence = nullptr;      // enable.idempotence: not set / true / false
    QLabel *m_idempotenceState = nullptr;    // on (producer id, epoch) or off, and why
    int64_t m_producerId = -1;               // this panel's producer instance, once known
    int m_producerEpoch = -1;
    QPushButton *m_send = nullptr;
    QLabel *m_sendError = nullptr;
    QTextBrowser *m_results = nullptr;
    // Our sends still awaiting an answer, by Bridge request id (for the colour swatch and acks).
    struct Pending {
        std::optional<std::string> key;
        kl::Acks acks = kl::Acks::All;
    };
    QHash<quint64, Pending> m_pending;
    // auto-producer
    QGroupBox *m_autoGroup = nullptr;
    QFormLayout *m_autoForm = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QSpinBox *m_count = nullptr;
    QComboBox *m_distribution = nullptr;
    QHBoxLayout *m_keysRow = nullptr;
    QLabel *m_keyCountLabel = nullptr;
    QDoubleSpinBox *m_zipf = nullptr;
    QSpinBox *m_keyCount = nullptr;
    QSpinBox *m_valueSize = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_autoStatus = nullptr;
    QLabel *m_autoError = nullptr;
    AutoProducerList *m_autoList = nullptr;
    bool m_autoStarting = false;
    QList<std::function<void()>> m_fitCombos; // each combo's width follows its shown text
    QString m_wantedTopic; // asked for by setCurrentTopic before the snapshot listed it
};
