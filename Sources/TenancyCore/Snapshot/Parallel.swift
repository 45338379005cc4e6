import Dispatch
import Synchronization

/// Maps `items` on every core, keeping their order: the one way the package works in
/// parallel. Items are handed out one at a time, so items of very different sizes still
/// keep every core busy. The first error stops the items not yet started and is rethrown.
package func parallelMap<T: Sendable, R: Sendable, E: Error>(
    _ items: [T], _ transform: @Sendable (T) throws(E) -> R
) throws(E) -> [R] {
    // A lock per result costs nothing next to the work of an item: callers hand out
    // groups of files (`groups`), rules, directories or generated units, never small values.
    let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
    let failure = Mutex<E?>(nil)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        guard failure.withLock({ $0 == nil }) else { return }
        do throws(E) {
            let result = try transform(items[index])
            results.withLock { $0[index] = result }
        } catch {
            failure.withLock { if $0 == nil { $0 = error } }
        }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    return results.withLock { results in results.map { $0! } }
}

/// `parallelMap` for work done for its effects, in no particular order.
package func parallelForEach<T: Sendable, E: Error>(_ items: [T], _ body: @Sendable (T) throws(E) -> Void) throws(E) {
    _ = try parallelMap(items, body)
}

/// Runs `background` on another thread while `body` runs on this one, each free to use
/// `parallelMap` on every core (a `parallelMap` inside the items of another runs on one
/// thread): two jobs of which neither needs the other's result.
package func concurrently<Background: Sendable, Own, E: Error>(
    _ background: @escaping @Sendable () -> Background, while body: () throws(E) -> Own
) throws(E) -> (Background, Own) {
    let done = DispatchSemaphore(value: 0)
    let result = Collected<Background>()
    DispatchQueue.global().async {
        result.append(background())
        done.signal()
    }
    let own: Own
    do {
        own = try body()
    } catch {
        // Waited for all the same: nothing runs on after the caller has moved on.
        done.wait()
        throw error
    }
    done.wait()
    return (result.items[0], own)
}

/// `items` in consecutive groups of `size`: work for one thread at a time, big enough that
/// handing it out and collecting its results cost little, small enough to share out evenly.
package func groups<T>(_ items: [T], of size: Int = 256) -> [ArraySlice<T>] {
    stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
}

/// Items appended from several threads.
package final class Collected<T: Sendable>: Sendable {
    private let storage = Mutex<[T]>([])

    package init() {}

    package func append(_ item: T) {
        storage.withLock { $0.append(item) }
    }

    package func append(_ items: [T]) {
        storage.withLock { $0 += items }
    }

    package var items: [T] { storage.withLock { $0 } }
}
