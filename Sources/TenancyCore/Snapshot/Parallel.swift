import Dispatch
import Foundation

/// Maps `items` on every core, keeping their order. (Work that can fail goes through
/// `parallelForEach`, which stops at the first error.)
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let results = ResultSlots<R>(count: items.count)
    let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 8)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        for index in stride(from: chunk, to: items.count, by: chunks) {
            results.set(index, transform(items[index]))
        }
    }
    return results.values()
}

/// Runs `body` on each item on every core, in no particular order. Items are handed out
/// one at a time, so items of very different sizes still keep every core busy. The first
/// error stops the items not yet started and is rethrown.
package func parallelForEach<T: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> Void) throws {
    let failure = FirstError()
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        guard !failure.happened else { return }
        do {
            try body(items[index])
        } catch {
            failure.record(error)
        }
    }
    try failure.rethrow()
}

/// `items` in consecutive groups of `size`: work for one thread at a time, big enough that
/// handing it out and collecting its results cost little, small enough to share out evenly.
package func groups<T>(_ items: [T], of size: Int = 256) -> [ArraySlice<T>] {
    stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
}

/// The first error of several threads.
private final class FirstError: @unchecked Sendable {
    private var error: (any Error)?  // guarded by `lock`
    private let lock = NSLock()

    var happened: Bool { lock.withLock { error != nil } }

    func record(_ error: any Error) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func rethrow() throws {
        if let error = lock.withLock({ error }) { throw error }
    }
}

/// Items appended from several threads.
package final class Collected<T>: @unchecked Sendable {
    private var storage: [T] = []  // guarded by `lock`
    private let lock = NSLock()

    package init() {}

    package func append(_ item: T) {
        lock.withLock { storage.append(item) }
    }

    func append(_ items: [T]) {
        lock.withLock { storage += items }
    }

    package var items: [T] { lock.withLock { storage } }
}

/// Slots written by distinct indices from several threads; read once all are done.
///
/// Raw memory, allocated once: an `Array`'s `withUnsafeMutableBufferPointer` moves the
/// buffer out of the array while it runs, so concurrent calls copied it and crashed.
private final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: R) {
        slots[index] = value
    }

    func values() -> [R] {
        // Moves each value out rather than copying it: no retain and release per result.
        return slots.indices.map { slots[$0].take()! }
    }
}
