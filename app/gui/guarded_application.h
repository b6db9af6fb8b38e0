// GuardedApplication: a QApplication whose event delivery catches what a slot or an event
// handler throws (Qt's own rule: exceptions must not cross its event loop, or the process
// aborts). It reports the error on stderr and in a dialog, and quits the event loop with exit
// code 70 (EX_SOFTWARE), so main() still stops the engine and closes the logs cleanly.
#pragma once

#include <QApplication>
#include <QMessageBox>
#include <cstdio>
#include <exception>

class GuardedApplication : public QApplication {
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        try {
            return QApplication::notify(receiver, event);
        } catch (const std::exception &e) {
            report(QString::fromLocal8Bit(e.what()));
        } catch (...) {
            report(QStringLiteral("an unknown exception"));
        }
        return false;
    }

private:
    void report(const QString &what)
    {
        if (m_reported)
            return;
        m_reported = true;
        const QString text = QCoreApplication::translate("GuardedApplication",
            "Kafka Lab hit an internal error and will close (the cluster's data on disk is kept):\n%1")
                                 .arg(what);
        std::fprintf(stderr, "kafkalab: %s\n", text.toLocal8Bit().constData());
        if (!QCoreApplication::arguments().contains(QStringLiteral("--screenshot")))
            QMessageBox::critical(nullptr, QCoreApplication::translate("GuardedApplication", "Kafka Lab"), text);
        QCoreApplication::exit(70);
    }

    bool m_reported = false;
};
