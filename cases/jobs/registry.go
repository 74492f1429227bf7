package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// Registry collects the workers and periodic jobs before the client is
// built; the composition root hands one to every package that has
// background work.
type Registry struct {
	workers  *river.Workers
	periodic []*river.PeriodicJob
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{workers: river.NewWorkers()} }

// Register adds the worker of one job kind.
func Register[T river.JobArgs](r *Registry, w river.Worker[T]) { river.AddWorker(r.workers, w) }

// Every has the leader replica enqueue args every interval. Only the
// leader schedules, and the job is unique per interval, so several
// replicas still run it once.
func (r *Registry) Every(interval time.Duration, args river.JobArgs) {
	r.add(river.PeriodicInterval(interval), interval, args)
}

// DailyAt has the leader enqueue args once a day at hour:minute Finnish
// time, e.g. DailyAt(14, 0, …) for "the working day before" reminders.
// The worker decides what a working day is.
func (r *Registry) DailyAt(hour, minute int, args river.JobArgs) {
	r.add(dailyAt{hour: hour, minute: minute}, 24*time.Hour, args)
}

func (r *Registry) add(schedule river.PeriodicSchedule, period time.Duration, args river.JobArgs) {
	opts := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: period}}
	r.periodic = append(r.periodic, river.NewPeriodicJob(schedule,
		func() (river.JobArgs, *river.InsertOpts) { return args, opts },
		&river.PeriodicJobOpts{ID: args.Kind()}))
}
