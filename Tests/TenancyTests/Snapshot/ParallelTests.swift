import Testing

@testable import TenancyCore

struct ParallelTests {
    @Test func mapKeepsTheOrderOfItemsOfDifferentSizes() {
        let items = Array(0..<5_000)
        let mapped = parallelMap(items) { item in (0..<(item % 97)).reduce(item) { sum, _ in sum &+ 1 } }
        #expect(mapped == items.map { $0 + $0 % 97 })
    }

    @Test func mapOfNothingIsEmpty() {
        #expect(parallelMap([Int]()) { $0 }.isEmpty)
    }

    @Test func theFirstErrorIsRethrownWithItsType() {
        let started = Collected<Int>()
        #expect(throws: Stop(item: 0)) {
            try parallelForEach(Array(0..<1_000)) { (item: Int) throws(Stop) in
                started.append(item)
                if item == 0 { throw Stop(item: item) }
            }
        }
        #expect(started.items.contains(0))
    }

    @Test func collectsEveryItemAppendedFromSeveralThreads() {
        let collected = Collected<Int>()
        parallelForEach(groups(Array(0..<10_000), of: 100)) { group in collected.append(Array(group)) }
        #expect(collected.items.sorted() == Array(0..<10_000))
    }
}

private struct Stop: Error, Equatable {
    var item: Int
}
