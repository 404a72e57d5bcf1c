"""Writes the NWB test fixtures of neds-nwb with h5py, following the NWB 2.x schema, independently of
the Java reader (committed under src/test/resources/fixtures; the tests do not need Python).

Run from this folder with Debian's python3-h5py:  /usr/bin/python3 write_nwb_fixtures.py

- ibl_like/fixturelab_NWB001_2024-03-01_001.nwb and, beside it, the same session as an ALF folder
  (ibl_like/alf/fixturelab/Subjects/NWB001/2024-03-01/001/): one recording, two layouts. The trials
  table uses NWB-style column names; the wheel is a TimeSeries of positions with timestamps, the
  motion energy one with a starting time and a rate. The ALF camera times are the rate's grid as
  the Java reader computes it (start + i * ((start + 1/rate) - start)), so both give the same samples.
- running_task.nwb: a non-IBL task (running speed at a fixed rate, pupil area with timestamps, a
  stimulus category per trial, quality labels, electrode locations, observation intervals).
"""
import os
import uuid

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', 'resources', 'fixtures'))
STR = h5py.string_dtype()


def typed(node, neurodata_type, namespace='core'):
    node.attrs['neurodata_type'] = neurodata_type
    node.attrs['namespace'] = namespace
    node.attrs['object_id'] = str(uuid.UUID(int=np.random.default_rng(len(node.name)).integers(0, 2**63)))


def nwb_file(path, session_id, subject, lab):
    f = h5py.File(path, 'w')
    typed(f, 'NWBFile')
    f.attrs['nwb_version'] = '2.7.0'
    f.create_dataset('identifier', data=session_id, dtype=STR)
    f.create_dataset('session_description', data='neds-nwb test fixture', dtype=STR)
    f.create_dataset('session_start_time', data='2024-03-01T10:00:00+00:00', dtype=STR)
    f.create_dataset('timestamps_reference_time', data='2024-03-01T10:00:00+00:00', dtype=STR)
    f.create_dataset('file_create_date', data=['2024-03-01T10:00:00+00:00'], dtype=STR)
    general = f.create_group('general')
    general.create_dataset('session_id', data=session_id, dtype=STR)
    general.create_dataset('lab', data=lab, dtype=STR)
    subj = general.create_group('subject')
    typed(subj, 'Subject')
    subj.create_dataset('subject_id', data=subject, dtype=STR)
    for g in ('acquisition', 'analysis', 'processing', 'stimulus', 'intervals'):
        f.require_group(g)
    return f


def dynamic_table(group, neurodata_type, description, n, columns):
    """columns: list of (name, values, neurodata_type, extra attrs); an index column follows its data column."""
    typed(group, neurodata_type)
    group.attrs['description'] = description
    group.attrs['colnames'] = np.array([c[0] for c in columns if c[2] != 'VectorIndex' and not c[0].endswith('_index')], dtype=object)
    ids = group.create_dataset('id', data=np.arange(n, dtype=np.int64))
    typed(ids, 'ElementIdentifiers')
    for name, values, kind, attrs in columns:
        kw = attrs.pop('_create', {}) if attrs else {}
        d = group.create_dataset(name, data=values, **kw)
        typed(d, kind)
        d.attrs['description'] = name
        for k, v in (attrs or {}).items():
            d.attrs[k] = v


def ragged(lists, dtype):
    flat = np.concatenate([np.asarray(x, dtype=dtype) for x in lists]) if lists else np.zeros(0, dtype)
    ends = np.cumsum([len(x) for x in lists]).astype(np.uint32)
    return flat, ends


def time_series(parent, name, data, unit, timestamps=None, start=None, rate=None, kind='TimeSeries'):
    g = parent.create_group(name)
    typed(g, kind)
    g.attrs['description'] = name
    d = g.create_dataset('data', data=data)
    d.attrs['unit'] = unit
    d.attrs['conversion'] = 1.0
    d.attrs['offset'] = 0.0
    d.attrs['resolution'] = -1.0
    if timestamps is not None:
        t = g.create_dataset('timestamps', data=timestamps)
        t.attrs['unit'] = 'seconds'
        t.attrs['interval'] = 1
    else:
        s = g.create_dataset('starting_time', data=start)
        s.attrs['unit'] = 'seconds'
        s.attrs['rate'] = rate
    return g


def poisson_trains(rng, rates_of_time, t_end, dt=0.001):
    """One sorted spike train per unit from time-varying rates (Hz) on a dt grid, times quantised to 30 kHz."""
    grid = np.arange(0, t_end, dt)
    trains = []
    for rate in rates_of_time:
        r = rate(grid)
        spikes = grid[rng.random(grid.size) < r * dt] + rng.random() * dt
        trains.append(np.round(np.sort(spikes) * 30000) / 30000)
    return trains


def ibl_like(rng):
    n = 30
    stim_on = 1.0 + 2.5 * np.arange(n) + rng.uniform(0, 0.3, n)
    go_cue = stim_on + 0.01
    first_move = stim_on + rng.uniform(0.15, 0.6, n)
    choice = rng.choice([-1.0, 1.0], n)
    feedback_type = np.where(rng.random(n) < 0.8, 1.0, -1.0)
    prob_left = rng.choice([0.2, 0.5, 0.8], n)
    choice[3] = 0.0                 # no-go
    first_move[3] = np.nan
    first_move[5] = stim_on[5] - 0.05   # moved before the stimulus: reaction time < 0
    prob_left[7] = 0.3              # no block level
    feedback = first_move + 0.2
    feedback[9] = np.nan            # missing event
    feedback[5] = stim_on[5] + 0.3
    start = stim_on - 0.4
    stop = stim_on + 2.0
    t_end = stop[-1] + 1.0

    # wheel: irregular encoder events of a position that turns after each first movement
    wt = np.sort(rng.uniform(0.0, t_end, 1400))
    pos = np.zeros_like(wt)
    for k in range(n):
        if not np.isnan(first_move[k]):
            pos += np.clip((wt - first_move[k]) / 0.3, 0, 1) * choice[k] * 0.25
    pos = np.round(pos / (2 * np.pi / 4096)) * (2 * np.pi / 4096)
    # motion energy: a 60 Hz camera that starts after the first trial's window start (trial 0 not covered)
    cam_start, cam_rate = 0.8, 60.0
    frames = int((t_end - cam_start) * cam_rate)
    step = (cam_start + 1.0 / cam_rate) - cam_start
    cam_times = cam_start + np.arange(frames) * step
    grid = np.arange(0.0, t_end, 0.01)
    speed = np.abs(np.gradient(np.interp(grid, wt, pos), grid))
    motion = np.interp(cam_times, grid, speed) * 50 + rng.gamma(2.0, 0.5, frames)

    base = [3, 6, 9, 12, 15, 1]
    rates = [lambda t, b=b: b * (1 + 0.8 * np.interp(t, grid, speed)) for b in base]
    trains = poisson_trains(rng, rates, t_end)

    session = 'fixturelab_NWB001_2024-03-01_001'
    folder = os.path.join(OUT, 'ibl_like')
    os.makedirs(folder, exist_ok=True)
    with nwb_file(os.path.join(folder, session + '.nwb'), session, 'NWB001', 'fixturelab') as f:
        columns = [('start_time', start, 'VectorData', None), ('stop_time', stop, 'VectorData', None),
                   ('stim_on_time', stim_on, 'VectorData', None), ('go_cue_time', go_cue, 'VectorData', None),
                   ('first_movement_time', first_move, 'VectorData', None), ('feedback_time', feedback, 'VectorData', None),
                   ('choice', choice, 'VectorData', None), ('feedback_type', feedback_type, 'VectorData', None),
                   ('probability_left', prob_left, 'VectorData', None)]
        dynamic_table(f['intervals'].create_group('trials'), 'TimeIntervals', 'trials', n, columns)
        flat, ends = ragged(trains, np.float64)
        dynamic_table(f.create_group('units'), 'Units', 'sorted units', len(trains), [
            ('spike_times', flat, 'VectorData', {'_create': {'chunks': (512,), 'compression': 'gzip'}}),
            ('spike_times_index', ends, 'VectorIndex', None)])
        behavior = f['processing'].create_group('behavior')
        typed(behavior, 'ProcessingModule')
        behavior.attrs['description'] = 'behaviour'
        container = behavior.create_group('BehavioralTimeSeries')
        typed(container, 'BehavioralTimeSeries')
        time_series(container, 'wheel_position', pos, 'radians', timestamps=wt)
        time_series(f['acquisition'], 'motion_energy', motion, 'a.u.', start=cam_start, rate=cam_rate)

    alf = os.path.join(folder, 'alf', 'fixturelab', 'Subjects', 'NWB001', '2024-03-01', '001', 'alf')
    probe = os.path.join(alf, 'probe00')
    os.makedirs(probe, exist_ok=True)
    for name, values in [('stimOn_times', stim_on), ('goCue_times', go_cue), ('firstMovement_times', first_move),
                         ('feedback_times', feedback), ('choice', choice), ('feedbackType', feedback_type),
                         ('probabilityLeft', prob_left), ('intervals', np.stack([start, stop], axis=1))]:
        np.save(os.path.join(alf, '_ibl_trials.' + name + '.npy'), values)
    np.save(os.path.join(alf, '_ibl_wheel.timestamps.npy'), wt)
    np.save(os.path.join(alf, '_ibl_wheel.position.npy'), pos)
    np.save(os.path.join(alf, '_ibl_rightCamera.times.npy'), cam_times)
    np.save(os.path.join(alf, 'rightCamera.ROIMotionEnergy.npy'), motion)
    times = np.concatenate(trains)
    clusters = np.concatenate([np.full(len(t), u, dtype=np.uint32) for u, t in enumerate(trains)])
    order = np.argsort(times, kind='stable')
    np.save(os.path.join(probe, 'spikes.times.npy'), times[order])
    np.save(os.path.join(probe, 'spikes.clusters.npy'), clusters[order])
    np.save(os.path.join(probe, 'clusters.depths.npy'), np.linspace(100, 3000, len(trains)))


def running_task(rng):
    n = 60
    onset = 1.0 + 2.0 * np.arange(n) + rng.uniform(0, 0.2, n)
    stimulus = rng.choice(['grating', 'natural', 'blank'], n)
    stimulus[4] = 'gray'            # not a mapped class: dropped
    start = onset - 0.5
    stop = onset + 1.5
    t_end = stop[-1] + 1.0
    rate = 50.0
    t = np.arange(0, t_end, 1 / rate)
    speed = np.zeros_like(t)
    for k in range(n):
        if rng.random() < 0.6:
            speed += 20 * np.exp(-0.5 * ((t - onset[k] - rng.uniform(0.2, 0.8)) / 0.25) ** 2)
    speed = (speed + rng.gamma(1.0, 0.5, t.size)).astype(np.float32)
    pupil_t = np.arange(0.05, t_end, 1 / 60) + rng.uniform(-0.002, 0.002, np.arange(0.05, t_end, 1 / 60).size)  # 60 Hz frames
    pupil = (1000 + 300 * np.interp(pupil_t, t, speed) / 20 + rng.normal(0, 20, pupil_t.size)).astype(np.float32)
    responds = {'grating': 1.0, 'natural': 0.5, 'blank': 0.0, 'gray': 0.0}
    stim_drive = np.zeros_like(t)
    for k in range(n):
        stim_drive += responds[stimulus[k]] * ((t >= onset[k]) & (t < onset[k] + 0.5))
    units = 10
    base = rng.uniform(3, 14, units)
    rates = [lambda x, b=b, u=u: b * (1 + (0.06 if u % 2 else 0.0) * np.interp(x, t, speed)
                                       + (1.5 if u % 3 == 0 else 0.2) * np.interp(x, t, stim_drive)) for u, b in enumerate(base)]
    trains = poisson_trains(rng, rates, t_end)
    quality = np.array(['good', 'good', 'mua', 'good', 'good', 'noise', 'good', 'good', 'mua', 'good'], dtype=object)
    location = np.array(['VISp', 'VISp', 'VISl', 'CA1'], dtype=object)
    unit_electrode = [[0], [0, 1], [1], [2], [2], [3], [0], [1], [3], [2]]
    obs = [[[0.0, t_end]] for _ in range(units)]
    obs[9] = [[0.0, 60.0], [61.0, t_end]]   # a good unit not recorded for a second: not observed in every window
    with nwb_file(os.path.join(OUT, 'running_task.nwb'), 'running-001', 'M42', 'otherlab') as f:
        electrodes = f['general'].create_group('extracellular_ephys').create_group('electrodes')
        dynamic_table(electrodes, 'DynamicTable', 'electrodes', len(location), [
            ('location', location.astype(STR), 'VectorData', None),
            ('x', np.arange(len(location), dtype=np.float64), 'VectorData', None)])
        columns = [('start_time', start, 'VectorData', None), ('stop_time', stop, 'VectorData', None),
                   ('stim_onset', onset, 'VectorData', None), ('stimulus', stimulus.astype(STR), 'VectorData', None),
                   ('contrast', rng.choice([0.25, 1.0], n), 'VectorData', None)]
        dynamic_table(f['intervals'].create_group('trials'), 'TimeIntervals', 'trials', n, columns)
        flat, ends = ragged(trains, np.float64)
        eflat, eends = ragged(unit_electrode, np.int32)
        oflat = np.concatenate([np.asarray(o, dtype=np.float64) for o in obs])
        oends = np.cumsum([len(o) for o in obs]).astype(np.uint32)
        dynamic_table(f.create_group('units'), 'Units', 'sorted units', units, [
            ('spike_times', flat, 'VectorData', {'_create': {'chunks': (1024,), 'compression': 'gzip'}}),
            ('spike_times_index', ends, 'VectorIndex', None),
            ('electrodes', eflat, 'DynamicTableRegion', None), ('electrodes_index', eends, 'VectorIndex', None),
            ('obs_intervals', oflat, 'VectorData', None), ('obs_intervals_index', oends, 'VectorIndex', None),
            ('quality', quality.astype(STR), 'VectorData', None)])
        f['units/electrodes'].attrs['table'] = electrodes.ref
        behavior = f['processing'].create_group('behavior')
        typed(behavior, 'ProcessingModule')
        behavior.attrs['description'] = 'behaviour'
        time_series(behavior, 'running_speed', speed, 'cm/s', start=0.0, rate=rate)
        pupil_module = behavior.create_group('PupilTracking')
        typed(pupil_module, 'PupilTracking')
        time_series(pupil_module, 'pupil_area', pupil, 'pixels^2', timestamps=pupil_t)


def broken(name, spike_times, timestamps, trial_column):
    """A small file with one defect: the Java reader must name it (bad/<name>.nwb)."""
    os.makedirs(os.path.join(OUT, 'bad'), exist_ok=True)
    n = 6
    with nwb_file(os.path.join(OUT, 'bad', name + '.nwb'), name, 'B1', 'badlab') as f:
        dynamic_table(f['intervals'].create_group('trials'), 'TimeIntervals', 'trials', n, [
            ('start_time', 1.0 + 2.0 * np.arange(n), 'VectorData', None),
            ('stop_time', 2.0 + 2.0 * np.arange(n), 'VectorData', None), ('category', trial_column, 'VectorData', None)])
        flat, ends = ragged(spike_times, np.float64)
        dynamic_table(f.create_group('units'), 'Units', 'units', len(spike_times), [
            ('spike_times', flat, 'VectorData', None), ('spike_times_index', ends, 'VectorIndex', None)])
        time_series(f['acquisition'], 'speed', np.ones(10), 'cm/s', timestamps=timestamps)


def broken_files():
    trains = [np.arange(0.0, 14.0, 0.05), np.arange(0.01, 14.0, 0.1)]
    good_t = np.linspace(0.0, 14.0, 10)
    cats = np.array([0, 1, 0, 1, 0, 1], dtype=np.int64)
    broken('mismatched_timestamps', trains, good_t[:9], cats)
    broken('nan_spike_time', [np.concatenate([trains[0][:5], [np.nan], trains[0][6:]]), trains[1]], good_t, cats)
    broken('short_column', trains, good_t, cats[:5])


if __name__ == '__main__':
    ibl_like(np.random.default_rng(7))
    running_task(np.random.default_rng(11))
    broken_files()
    for root, _, files in sorted(os.walk(OUT)):
        for name in sorted(files):
            p = os.path.join(root, name)
            print(os.path.relpath(p, OUT), os.path.getsize(p))
