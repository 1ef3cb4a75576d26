/// Runs a schedule ahead of the optimizer on a second thread.
///
/// Every scheduler but `ReduceLROnPlateau` decides its lr and beta1 without looking at the
/// parameters, so the schedule can be stepped on a *shadow* optimizer (same groups, no training)
/// while the real optimizer trains on the values it produced: row `e` of the stream holds each
/// group's lr and beta1 after `e` scheduler steps, exactly what the serial loop would read. The
/// two halves of a step then cost what the slower of them costs, not their sum. Values travel in
/// chunks through a few reusable slots, so memory does not grow with the number of steps.
final class ScheduleStream: @unchecked Sendable {
    /// One chunk of rows: `lrs[row * groups + g]` and `beta1s[row * groups + g]` for `count` rows,
    /// and the error the scheduler raised after the last of them, if any.
    final class Slot {
        var lrs: [Double]
        var beta1s: [Double]
        var count = 0
        var error: ScheduleError?

        init(capacity: Int) {
            lrs = Array(repeating: 0, count: capacity)
            beta1s = lrs
        }
    }

    /// The rows of a slot: a chunk's, so that a filled slot's columns can become the chunk's.
    static let chunkRows = TraceChunk.capacity
    private static let slotCount = 4

    /// Builds the scheduler and the shadow optimizer it drives.
    typealias Builder = @Sendable () throws(ScheduleError) -> (scheduler: LRScheduler, shadow: Adam)

    private let build: Builder
    private var scheduler: LRScheduler?
    /// Each group's beta2 after the scheduler was built (DeepSpeed's OneCycle sets it to 0.99 and
    /// keeps it there); valid once ``start()`` returned true. The rows carry lr and beta1 only.
    private(set) var beta2s: [Double] = []
    private var shadow: Adam?
    private let epochs: Int
    private let groups: Int
    private var slots: [Slot] = []
    private var ready = false
    private var buildError: ScheduleError?
    // Slots circulate in order: the producer fills `produced`, the consumer reads `consumed`.
    private var produced = 0
    private var consumed = 0
    private var cancelled = false
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var thread = pthread_t()

    /// A stream of `epochs` rows of `groups` groups from the schedule `build` makes.
    init(groups: Int, epochs: Int, build: @escaping Builder) {
        self.build = build
        self.epochs = epochs
        self.groups = groups
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Starts the producer thread and waits until it has built the schedule.
    /// - Returns: false if no thread could be started (the caller then runs serially).
    /// - Throws: the error building the schedule raised (the thread has ended).
    func start() throws(ScheduleError) -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            let stream = Unmanaged<ScheduleStream>.fromOpaque(context!).takeRetainedValue()
            stream.produce()
            return nil
        }, context)
        if status != 0 {
            Unmanaged<ScheduleStream>.fromOpaque(context).release()
            return false
        }
        pthread_mutex_lock(&mutex)
        while !ready { pthread_cond_wait(&changed, &mutex) }
        let failure = buildError
        pthread_mutex_unlock(&mutex)
        if let failure {
            join()
            throw failure
        }
        return true
    }

    /// Waits for the producer to finish (after the last slot, or after ``cancel()``).
    func join() {
        pthread_join(thread, nil)
    }

    /// Stops the producer at its next chunk.
    func cancel() {
        pthread_mutex_lock(&mutex)
        cancelled = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// The next filled slot, waiting for it.
    func nextFilled() -> Slot {
        pthread_mutex_lock(&mutex)
        while consumed == produced { pthread_cond_wait(&changed, &mutex) }
        let slot = slots[consumed % slots.count]
        pthread_mutex_unlock(&mutex)
        return slot
    }

    /// Hands the slot from ``nextFilled()`` back for refilling.
    func release() {
        pthread_mutex_lock(&mutex)
        consumed += 1
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    private func produce() {
        do throws(ScheduleError) {
            let built = try build()
            scheduler = built.scheduler
            shadow = built.shadow
            beta2s = built.shadow.groups.map(\.betas.1)
            slots = (0..<ScheduleStream.slotCount).map { _ in Slot(capacity: ScheduleStream.chunkRows * groups) }
        } catch {
            buildError = error
        }
        pthread_mutex_lock(&mutex)
        ready = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        guard let scheduler, shadow != nil else { return }
        var epoch = 0
        while epoch < epochs {
            pthread_mutex_lock(&mutex)
            while produced - consumed == slots.count && !cancelled { pthread_cond_wait(&changed, &mutex) }
            let stop = cancelled
            pthread_mutex_unlock(&mutex)
            if stop { return }
            let slot = slots[produced % slots.count]
            slot.count = 0
            slot.error = nil
            let failed = fill(slot, from: &epoch, scheduler: scheduler)
            pthread_mutex_lock(&mutex)
            produced += 1
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            if failed { return }
        }
    }

    /// Fills `slot` with up to a chunk of rows through the scheduler's ``LRScheduler/record(rows:groups:lrs:beta1s:)``
    /// (a step after each row, the last one's included, as in the serial loop). Returns true if the
    /// scheduler raised.
    ///
    /// Only local state is written per row: slots sit next to each other in memory, and writing a
    /// slot's fields per row would bounce the cache line the training thread is reading.
    private func fill(_ slot: Slot, from epoch: inout Int, scheduler: LRScheduler) -> Bool {
        let rows = min(ScheduleStream.chunkRows, epochs - epoch)
        let groups = self.groups
        let (done, failure) = slot.lrs.withUnsafeMutableBufferPointer { lrs in
            slot.beta1s.withUnsafeMutableBufferPointer { beta1s in
                // The slot holds a chunk of rows (chunkRows × the stream's groups); rows ≤ chunkRows.
                guard let lrs = lrs.baseAddress, let beta1s = beta1s.baseAddress else { return (0, nil as ScheduleError?) }
                return scheduler.record(rows: rows, groups: groups, lrs: lrs, beta1s: beta1s)
            }
        }
        precondition(done > 0 || failure != nil, "a schedule recorded no row")  // record's contract
        epoch += done
        slot.count = done
        slot.error = failure
        return failure != nil
    }
}
