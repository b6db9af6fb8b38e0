// GuardedApplication (app/gui): an exception thrown in a slot or event handler does not abort
// the process (Qt's default: "exceptions thrown from an event handler are not supported",
// then std::terminate); it is reported and the event loop ends with exit code 70, so main()
// can stop the engine cleanly. "--screenshot" in argv keeps the dialog away, as in kafkalab.
#include "../../app/gui/guarded_application.h"

#include <QTimer>
#include <QtTest>
#include <stdexcept>

class TestGuardedApplication : public QObject {
    Q_OBJECT
private slots:
    void throwingSlotEndsTheLoopCleanly();
};

void TestGuardedApplication::throwingSlotEndsTheLoopCleanly()
{
    int argc = 2;
    char arg0[] = "kafkalab";
    char arg1[] = "--screenshot";
    char *argv[] = { arg0, arg1, nullptr };
    GuardedApplication app(argc, argv);
    bool after = false;
    QTimer::singleShot(0, &app, [] { throw std::runtime_error("boom in a slot"); });
    // A second throw before the loop ends is not reported twice and does not abort either.
    QTimer::singleShot(0, &app, [] { throw 42; });
    QTimer::singleShot(5000, &app, [&] { after = true; QCoreApplication::exit(0); });
    QCOMPARE(app.exec(), 70);
    QVERIFY(!after);
}

QTEST_APPLESS_MAIN(TestGuardedApplication)
#include "test_guarded_application.moc"
